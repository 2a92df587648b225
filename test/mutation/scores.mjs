// The mutation score of each file from its last Stryker report: killed and timed out over every mutant that
// compiled (Stryker's "total" score; equivalent mutants are disabled in the code with the reason, so not counted).
import { existsSync, readFileSync } from 'node:fs';

const rows = [];
for (const file of process.argv.slice(2)) {
  const name = file.replaceAll('/', '_').replace(/\.ts$/, '');
  const path = `.local-aws/test-results/mutation/${name}/mutation.json`;
  if (!existsSync(path)) {
    rows.push({ file, score: 'no report' });
    continue;
  }
  const mutants = JSON.parse(readFileSync(path, 'utf8')).files[file]?.mutants ?? [];
  const count = (status) => mutants.filter((mutant) => mutant.status === status).length;
  const detected = count('Killed') + count('Timeout');
  const valid = detected + count('Survived') + count('NoCoverage');
  rows.push({
    file,
    score: valid ? `${((100 * detected) / valid).toFixed(1)}%` : 'n/a',
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    ignored: count('Ignored'),
    compileErrors: count('CompileError'),
  });
}
console.table(rows);
