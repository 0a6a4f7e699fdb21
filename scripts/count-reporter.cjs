/**
 * Jest reporter that ends the run with the plain line CI records: "N passed, N failed".
 * Suites that fail to run (compile errors, hooks) count as failed tests, so they are never hidden.
 */
class CountReporter {
  onRunComplete(_contexts, results) {
    const suiteFailures = results.testResults.filter((r) => r.testExecError || (r.failureMessage && r.numFailingTests === 0)).length;
    const failed = results.numFailedTests + suiteFailures;
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`);
  }
}
module.exports = CountReporter;
