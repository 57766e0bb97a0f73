// The fuzz harness's worker thread: runs the probes of the inputs the main
// thread sends, one at a time. Before every API call it bumps a shared
// counter and records the probe's number, so the main thread's watchdog sees
// a call that never returns, knows which probe it was, and terminates this
// thread (the main thread then starts a fresh one).
import { parentPort, workerData } from "node:worker_threads";
import { runProbes } from "./fuzz-probes.mjs";

const api = await import(workerData.library);
const control = new Int32Array(workerData.control);

parentPort.on("message", (job) => {
  const result = runProbes(api, job.input, workerData.dialects, {
    only: job.only,
    onCall: (probeIndex) => {
      Atomics.store(control, 1, probeIndex);
      Atomics.add(control, 0, 1);
    },
  });
  parentPort.postMessage({ id: job.id, ...result });
});
parentPort.postMessage({ ready: true });
