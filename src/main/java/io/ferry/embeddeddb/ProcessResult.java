package io.ferry.embeddeddb;

/** Exit code and combined output of a finished helper process. */
record ProcessResult(int exitCode, String output) {
}
