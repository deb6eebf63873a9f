import type { Group } from '../aggregate/groups';
import { annotationFromGroup, type Annotation } from '../annotations';
import { runbookRef } from '../runbooks/runbook';
import type { ServiceContext } from './serviceContext';

/**
 * The group with its service filled in: the one telemetry named, else the service
 * owning the file it landed on (the nearest catalog file or configured root).
 */
export function withOwningService(group: Group, context: ServiceContext): Group {
  if (group.service) return group;
  const owner = context.catalog.serviceForFile(group.location.file);
  return owner ? { ...group, service: owner.name } : group;
}

/** Annotations of the groups, each with its service and the runbooks that match it. */
export function annotateGroups(groups: readonly Group[], context: ServiceContext): Annotation[] {
  return groups.map((g) => {
    const group = withOwningService(g, context);
    return annotationFromGroup(group, context.runbooks.forGroup(group).map(runbookRef));
  });
}
