// Renders a component into jsdom as the app does (English, inside a signed-in session when given one) and lets its
// reads answer.
import { type ComponentChildren, render } from 'preact';
import { act } from 'preact/test-utils';
import { I18nContext, translator } from '../src/i18n';
import type { Session } from '../src/resources';
import { SessionContext, sessionState } from '../src/session';

export interface Rendered {
  container: HTMLElement;
  /** Renders `ui` again in the same place, as a parent's new props would. */
  rerender(ui: ComponentChildren): Promise<void>;
  unmount(): void;
}

export async function show(ui: ComponentChildren, signedIn?: Session): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const i18n = { locale: 'en' as const, t: translator('en'), setLocale: () => undefined };
  const session = signedIn && sessionState(signedIn);
  const draw = async (children: ComponentChildren) => {
    const tree = (
      <I18nContext.Provider value={i18n}>
        {session ? <SessionContext.Provider value={session}>{children}</SessionContext.Provider> : children}
      </I18nContext.Provider>
    );
    await act(() => render(tree, container));
    await settle();
  };
  await draw(ui);
  return {
    container,
    rerender: draw,
    unmount: () => {
      act(() => render(null, container));
      container.remove();
    },
  };
}

/** Lets every answer already given reach the screen (promises, then Preact's rendering). */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** The visible text of each element `selector` finds, spaces collapsed. */
export function texts(container: ParentNode, selector: string): string[] {
  return Array.from(container.querySelectorAll(selector), (element) =>
    (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
}

/** jsdom has no modal dialogs: a spec that opens one has them open and close as the `open` attribute. */
export function useModalDialogs(): void {
  beforeAll(() => {
    HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
      this.removeAttribute('open');
    };
  });
}
