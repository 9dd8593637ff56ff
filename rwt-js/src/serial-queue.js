// Runs async tasks one after another, in the order they were added. Sealing needs this
// (seq order must equal send order) and so does opening (state changes in arrival order).

export class SerialQueue {
  #tail = Promise.resolve();

  /** Adds a task; the returned promise settles with the task's result. */
  run(task) {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => {});
    return result;
  }
}
