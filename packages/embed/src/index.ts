import { Checkout, type PageEnvironment } from './checkout';
import { type SetupOptions, settingsFrom } from './options';

export { FORM_FIELDS } from './checkout';
export type { EmbedEvent } from './events';
export type { SetupOptions } from './options';
export { SetupError } from './options';

/**
 * `Kessai.setup({...})` on the merchant's checkout page: draws the payment options into `element` and, once the
 * buyer is back from approving, puts the transaction's id and status into `form`. Returns a promise that settles
 * when the first step (options, or the returned transaction) is shown.
 */
export function setup(options: SetupOptions, page: PageEnvironment = browserPage()): Promise<void> {
  const checkout = new Checkout(settingsFrom(options, window.location, navigator.language), page);
  // Back from the approval page through the browser's cache: the page is as it was left, button disabled.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) checkout.restored();
  });
  return checkout.start();
}

function browserPage(): PageEnvironment {
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Storage blocked (privacy settings): the API's one-transaction-per-session still holds.
  }
  return {
    location: window.location,
    navigate: (url) => window.location.assign(url),
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
    storage,
  };
}
