import type { SourceConfig } from '../core/config/opslensConfig';
import { AUTH_SCHEMES, type AuthScheme } from './http/authHeader';
import { SourceError } from './source';

/**
 * Typed readers over a source entry's free-form options: each either returns a value
 * of the right type or throws a SourceError naming the option, so a typo in
 * `.opslens.yaml` shows up in the Sources view instead of as a strange request.
 */
export function requiredString(config: SourceConfig, key: string, hint: string): string {
  const value = config[key];
  if (typeof value !== 'string' || value.trim() === '') throw new SourceError(config.name, `a \`${config.type}\` source needs \`${key}\`: ${hint}`);
  return value.trim();
}

export function optionalString(config: SourceConfig, key: string): string | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SourceError(config.name, `\`${key}\` must be a string`);
  return value;
}

export function optionalBoolean(config: SourceConfig, key: string, fallback: boolean): boolean {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new SourceError(config.name, `\`${key}\` must be true or false`);
  return value;
}

export function optionalStringList(config: SourceConfig, key: string): string[] {
  const value = config[key];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string')) throw new SourceError(config.name, `\`${key}\` must be a string or a list of strings`);
  return list as string[];
}

export function optionalNumber(config: SourceConfig, key: string, fallback: number, min: number, max: number): number {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw new SourceError(config.name, `\`${key}\` must be a number from ${min} to ${max}`);
  return value;
}

/** `auth:` one of bearer, token, apikey, basic; the backend's usual scheme when absent. */
export function authScheme(config: SourceConfig, fallback: AuthScheme): AuthScheme {
  const value = config.auth;
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !AUTH_SCHEMES.includes(value as AuthScheme)) throw new SourceError(config.name, `\`auth\` must be one of ${AUTH_SCHEMES.join(', ')}`);
  return value as AuthScheme;
}
