/**
 * A process on its way out: from `begin` on, /readyz answers 503 so that the load balancer stops sending new
 * requests here, while the ones it still sends are served; every answer says `Connection: close`, so clients and
 * the balancer open their next connection elsewhere instead of reusing one this process is about to close.
 */
export class Drain {
  private began = false;

  begin(): void {
    this.began = true;
  }

  get draining(): boolean {
    return this.began;
  }
}
