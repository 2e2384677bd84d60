/**
 * The kiosk's own save path, bundled for a test page by tests/browser/fault-driver.ts: the recorder a tap on a face
 * calls (record, outbox entry and sequence number in one transaction) and the database it writes to. Nothing here
 * is a copy: a change to the save path or the record schema changes what the fault suites run.
 */
export { createRecorder } from '../../src/device/recorder';
export { openKioskDb } from '../../src/device/store/db';
