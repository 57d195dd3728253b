// Parses and validates an AsyncAPI document with the AsyncAPI parser (the same one the generator and the AsyncAPI
// CLI use), resolving its relative $refs to the JSON Schemas; exits 1 on any error.
const { Parser, fromFile, DiagnosticSeverity } = require('@asyncapi/parser');

(async () => {
  const file = process.argv[2];
  const { document, diagnostics } = await fromFile(new Parser(), file).parse();
  const severity = ['error', 'warning', 'information', 'hint'];
  for (const d of diagnostics) {
    if (d.code !== 'asyncapi-latest-version') {
      console.log(`${severity[d.severity]} ${d.code} at ${d.path.join('.')}: ${d.message}`);
    }
  }
  if (!document || diagnostics.some(d => d.severity === DiagnosticSeverity.Error)) {
    console.error(`${file}: not a valid AsyncAPI document`);
    process.exit(1);
  }
  console.log(`${file}: valid AsyncAPI ${document.version()}: ${document.servers().length} servers, `
    + `${document.channels().length} channels, ${document.operations().length} operations, `
    + `${document.components().messages().length} messages`);
})().catch(e => {
  console.error(e);
  process.exit(1);
});
