// A few DOM helpers instead of a framework: `h` builds elements, `table`
// renders a sortable, filterable table, `replace` swaps a section's content.

type Child = Node | string | number | bigint | null | undefined | false | Child[];
type Attrs = Record<string, unknown>;

/** `h('a', { href: '#/x', class: 'y', onclick }, 'text', child)`: an element. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && key !== 'list' && key !== 'form') {
      (el as unknown as Record<string, unknown>)[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A column of `table`: its header, how a row shows in it, and how it sorts. */
export interface Column<R> {
  title: string;
  cell: (row: R) => Child;
  /** The value rows are sorted by; the column is not sortable without it. */
  sort?: (row: R) => number | bigint | string;
  /** A CSS class for the column's cells (`num` right-aligns). */
  class?: string;
  /** A hint shown on the header. */
  hint?: string;
}

export interface TableState {
  sortBy?: string;
  descending?: boolean;
}

/**
 * A table of `rows`; clicking a sortable header sorts by it (again: the other
 * way). `state` keeps the sort across re-renders with fresh rows.
 */
export function table<R>(
  columns: Column<R>[],
  rows: R[],
  state: TableState = {},
  options: { empty?: string; rowAttrs?: (row: R) => Attrs; testid?: string } = {},
): HTMLElement {
  const wrap = h('div', { class: 'table-wrap' });
  const render = (): void => {
    const column = columns.find((c) => c.title === state.sortBy && c.sort);
    const sorted = [...rows];
    if (column?.sort) {
      const key = column.sort;
      sorted.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return state.descending ? -order : order;
      });
    }
    const head = h(
      'tr',
      null,
      columns.map((c) =>
        h(
          'th',
          {
            class: [c.class, c.sort ? 'sortable' : '', c.title === state.sortBy ? 'sorted' : ''].filter(Boolean).join(' '),
            title: c.hint,
            onclick: c.sort
              ? () => {
                  state.descending = state.sortBy === c.title ? !state.descending : true;
                  state.sortBy = c.title;
                  render();
                }
              : undefined,
          },
          c.title,
          c.title === state.sortBy ? (state.descending ? ' ▾' : ' ▴') : '',
        ),
      ),
    );
    const body = sorted.length
      ? sorted.map((row) => h('tr', options.rowAttrs?.(row) ?? null, columns.map((c) => h('td', { class: c.class }, c.cell(row)))))
      : [h('tr', null, h('td', { colSpan: columns.length, class: 'empty' }, options.empty ?? 'nothing yet'))];
    replace(wrap, h('table', { dataset: options.testid ? { testid: options.testid } : undefined }, h('thead', null, head), h('tbody', null, body)));
  };
  render();
  return wrap;
}

/** A definition list from `[term, value]` pairs (pairs with an undefined value are left out). */
export function facts(pairs: [string, Child][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(([, v]) => v !== undefined).map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
}

/** A titled panel. */
export function panel(title: Child, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h2', null, title), ...children);
}
