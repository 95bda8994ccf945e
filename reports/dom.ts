/**
 * The only way the page builds DOM. Text (model outputs, dataset rows, ids) always becomes a
 * Text node, attribute values go through setAttribute, and `href` accepts only in-page links
 * and blob: downloads. No HTML-parsing DOM API is used anywhere in reports/ (a unit test checks).
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Listener = (event: Event) => void;

/** Attributes: strings, numbers and booleans (true = present, false/undefined = absent). */
export type Attrs = Record<string, string | number | boolean | undefined | null> & { on?: never };

const SAFE_HREF = /^(#|blob:)/;

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attrs) setAttrs(element, attrs);
  append(element, children);
  return element;
}

/** Sets attributes; refuses event-handler attributes and script-capable URLs. */
export function setAttrs(element: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (/^on/i.test(name) || name === 'style' || name === 'src' || name === 'srcdoc') throw new Error(`dom: attribute ${name} is not allowed`);
    const text = value === true ? '' : String(value);
    if (name === 'href' && !SAFE_HREF.test(text)) throw new Error(`dom: href must be an in-page link, got ${text.slice(0, 40)}`);
    element.setAttribute(name, text);
  }
}

/** Appends children; strings and numbers become Text nodes (never parsed as HTML). */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Adds an event listener and returns the element, for chaining inside h() trees. */
export function on<T extends EventTarget>(target: T, type: string, listener: Listener): T {
  target.addEventListener(type, listener);
  return target;
}

/** Removes every child. */
export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}

/** A <button type="button"> with a click handler. */
export function button(label: Child, onClick: Listener, attrs: Attrs = {}): HTMLButtonElement {
  return on(h('button', { type: 'button', ...attrs }, label), 'click', onClick);
}

/** A labelled <select>; `options` are [value, label] pairs. */
export function select(options: {
  id: string;
  label: string;
  value: string;
  choices: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
  hideLabel?: boolean;
}): HTMLElement {
  const control = h(
    'select',
    { id: options.id },
    options.choices.map(([value, text]) => h('option', { value, selected: value === options.value }, text)),
  );
  on(control, 'change', () => options.onChange(control.value));
  return h('label', { class: options.hideLabel ? 'field field-inline' : 'field', for: options.id }, h('span', { class: options.hideLabel ? 'sr-only' : 'field-label' }, options.label), control);
}
