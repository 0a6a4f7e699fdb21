/** The demo's one DOM helper: `h(tag, attributes, ...children)` builds an element. */

/** What `h` accepts as a child. */
export type Child = Node | string | number | null | undefined | false;

/** Attribute values: strings (attributes), booleans (present/absent), functions (`on…` listeners). */
export type Attrs = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;

/** Creates `<tag>` with `attrs` (`onclick: fn` adds a listener; `false`/`undefined` omits) and `children`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== undefined) el.setAttribute(name, String(value));
  }
  el.append(...children.filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'number' ? String(c) : c)));
  return el;
}

/** A titled panel section (`data-testid="panel-<id>"`). */
export function panel(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: `panel panel-${id}`, 'data-testid': `panel-${id}` }, h('h2', {}, title), ...children);
}
