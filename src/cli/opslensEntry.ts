import { main } from './opslens';

main(process.argv.slice(2), (t) => process.stdout.write(`${t}\n`), (t) => process.stderr.write(`${t}\n`)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`opslens: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
