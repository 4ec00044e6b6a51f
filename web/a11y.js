// The accessibility mirror's page side (src/ui/a11y.h): the controls the canvas drew last frame,
// kept as accessible DOM nodes over the canvas, each where its widget is drawn. A screen reader
// reads them; Tab and Shift+Tab move through them panel by panel, and the canvas shows the focus
// (an outline here, ImGui's navigation highlight there). What a node is asked to do (a click or
// Enter or Space: activate; arrows on a slider: step; a text typed and confirmed) goes back to
// the app, which takes it on the next frame as if done with the pointer.
// The nodes are updated in place: a frame that changed nothing the mirror shows costs one call.
'use strict';
window.DLPAccessibility = function (canvas, call) {
  const root = document.createElement('div');
  root.id = 'a11y';
  canvas.after(root);
  const act = (id, action, value = 0, text = '') =>
    call('dlp_a11y_act', 'number', ['number', 'string', 'number', 'string'], [id, action, value, text]);
  const nodes = new Map();      // item id -> element
  const containers = new Map(); // window id (and group key) -> element
  let items = new Map();        // item id -> the item as last published
  let scrollers = new Map();    // scroller id -> { above, below }
  let opener = null;            // { id, popup }: the control that had the focus when a list, menu or box opened
  let shownPopups = new Set();  // the lists, menus and boxes open at the last update
  let paging = null;            // Tab past the last control in view of a scrolling panel: { scroller, dir, seen, updates, then }

  const set = (el, name, value) => {
    if (value === null || value === undefined || value === false && name !== 'aria-checked' && name !== 'aria-selected' && name !== 'aria-expanded') {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else if (el.getAttribute(name) !== String(value)) el.setAttribute(name, String(value));
  };
  const place = (el, r) => {
    const [x, y, w, h] = r;
    const css = `left:${x}px;top:${y}px;width:${w}px;height:${h}px`;
    if (el.dataset.place !== css) { el.dataset.place = css; el.style.left = x + 'px'; el.style.top = y + 'px'; el.style.width = w + 'px'; el.style.height = h + 'px'; }
  };

  const kind = (role) => role === 'slider' || role === 'spinbutton' || role === 'img' || role === 'progressbar' || role === 'row' ? 'div'
    : role === 'textbox' ? 'input' : role === 'text' || role === 'alert' ? 'p' : 'button';
  // The nodes Tab goes through, in order.
  const tabbable = () => [...root.querySelectorAll('button,[tabindex],input')];
  const focusable = (role) => role !== 'img' && role !== 'progressbar' && role !== 'text' && role !== 'alert' && role !== 'row';
  function element(it) {
    let el = nodes.get(it.id);
    if (el && el.dataset.kind !== kind(it.role)) { el.remove(); el = null; }
    if (!el) {
      el = document.createElement(kind(it.role));
      el.dataset.kind = kind(it.role);
      el.dataset.id = it.id;
      if (el.tagName === 'BUTTON') el.type = 'button';
      if (el.tagName === 'DIV' && focusable(it.role)) el.tabIndex = 0;
      if (el.tagName === 'INPUT') el.type = 'text';
      nodes.set(it.id, el);
    }
    set(el, 'role', it.role === 'button' || it.role === 'text' || it.role === 'textbox' ? null : it.role);
    if (it.role === 'text' || it.role === 'alert') {
      if (el.textContent !== it.name) el.textContent = it.name;
    } else if (it.role === 'row') {
      // Its cells, as column headers or cells: a screen reader reads the table by row and column.
      const cellRole = it.header ? 'columnheader' : 'cell';
      const key = cellRole + '\u0001' + it.cells.join('\u0001');
      if (el.dataset.cells !== key) {
        el.dataset.cells = key;
        el.replaceChildren(...it.cells.map((c) => { const s = document.createElement('span'); s.setAttribute('role', cellRole); s.textContent = c; return s; }));
      }
    } else {
      // A combo box names its choice too (a button's text would be its value, but drawn nowhere).
      set(el, 'aria-label', it.role === 'combobox' && it.valueText ? `${it.name}: ${it.valueText}` : it.name || it.role);
      set(el, 'aria-description', it.description || null);
    }
    set(el, 'aria-checked', it.checked === undefined ? null : it.checked);
    set(el, 'aria-selected', it.selected === undefined ? null : it.selected);
    set(el, 'aria-expanded', it.expanded === undefined ? null : it.expanded);
    set(el, 'aria-haspopup', it.haspopup ? (it.role === 'combobox' ? 'listbox' : 'menu') : null);
    set(el, 'aria-disabled', it.disabled ? 'true' : null);
    if (it.role === 'slider' || it.role === 'spinbutton') {
      // The app's values are single precision: seven digits say them exactly (0.002, not 0.0020000000949949026).
      const f = (v) => v === undefined || v === null ? null : +(+v).toPrecision(7);
      set(el, 'aria-valuenow', f(it.value ?? (Number.isFinite(+it.valueText) ? +it.valueText : null)));
      set(el, 'aria-valuemin', it.role === 'slider' ? f(it.min) : null);
      set(el, 'aria-valuemax', it.role === 'slider' ? f(it.max) : null);
      set(el, 'aria-valuetext', it.valueText);
      if (it.role === 'slider') set(el, 'aria-orientation', 'horizontal');
    }
    if (it.role === 'textbox' && document.activeElement !== el && el.value !== it.valueText) el.value = it.valueText;
    if (it.role === 'progressbar') set(el, 'aria-valuetext', it.valueText);
    place(el, it.r);
    return el;
  }

  function container(key, tag, role, label) {
    let el = containers.get(key);
    if (!el) {
      el = document.createElement(tag);
      containers.set(key, el);
    }
    set(el, 'role', role);
    set(el, 'aria-label', label || null);
    return el;
  }

  // Puts exactly these children in this order into el, moving only what is out of place, and
  // never the node with the focus (a node moved in the DOM loses it): the others move round it.
  function arrange(el, children) {
    const want = new Set(children);
    for (const c of [...el.children]) if (!want.has(c)) c.remove();
    const focused = (c) => c.contains(document.activeElement);
    for (let i = 0, guard = 0; i < children.length && guard < 4 * children.length + 8; guard++) {
      const c = children[i], here = el.children[i];
      if (here === c) { i++; continue; }
      if (here && c.parentNode === el && focused(c)) el.appendChild(here);  // the focused one stays; the one in its way goes on
      else { el.insertBefore(c, here || null); i++; }
    }
  }

  // Tabs sit in a tab list (one per tab bar, where its first tab is: the tabs, then the open
  // tab's content), menu items in a menu bar (what their roles require: consecutive ones).
  const groupRole = { tab: 'tablist', menuitem: 'menubar', menuitemcheckbox: 'menubar', menuitemradio: 'menubar', row: 'table' };
  function update(all) {
    // The frame this mirror is as new as (what a test waits for, rather than a span of time).
    root.dataset.frame = String(call('dlp_frames', 'number'));
    const text = call('dlp_a11y_json', 'string', ['number'], [all ? 1 : 0]);
    if (!text) return;
    const tree = JSON.parse(text);
    textInput = tree.textInput;
    const seen = new Set(), used = new Set();
    const top = [];
    const popups = [];
    items = new Map();
    scrollers = new Map(tree.scrollers.map((s) => [s.id, s]));
    for (const win of tree.windows) {
      const key = 'w' + win.id;
      const inMenu = win.role === 'menu' || win.role === 'menubar' || win.role === 'listbox';
      const box = container(key, win.role === 'region' || win.role === 'dialog' ? 'section' : 'div', win.role, win.title);
      set(box, 'aria-modal', win.modal ? 'true' : null);
      used.add(key);
      const kids = [];
      if (win.role === 'region' || win.role === 'dialog') {
        const h = container(key + 'h', 'h2', null, null);
        used.add(key + 'h');
        if (h.textContent !== win.title) h.textContent = win.title;
        place(h, [win.r[0], win.r[1], win.r[2], Math.min(24, win.r[3])]);
        kids.push(h);
      }
      let group = null, groups = 0;
      const tablists = new Map();
      for (const it of win.items) {
        items.set(it.id, it);
        seen.add(it.id);
        const el = element(it);
        const g = inMenu ? null : groupRole[it.role];
        if (g === 'tablist') {
          if (group) { arrange(group.el, group.kids); group = null; }
          let list = tablists.get(it.group);
          if (!list) {
            const gkey = `${key}t${it.group}`;
            used.add(gkey);
            list = { el: container(gkey, 'div', g, win.title), kids: [] };
            tablists.set(it.group, list);
            kids.push(list.el);
          }
          list.kids.push(el);
        } else if (g) {
          if (!group || group.role !== g) {
            const gkey = `${key}g${groups++}`;
            group = { role: g, el: container(gkey, 'div', g, g === 'table' ? win.title + ' table' : null), kids: [] };
            used.add(gkey);
            kids.push(group.el);
          }
          group.kids.push(el);
        } else {
          if (group) { arrange(group.el, group.kids); group = null; }
          kids.push(el);
        }
      }
      if (group) arrange(group.el, group.kids);
      for (const list of tablists.values()) arrange(list.el, list.kids);
      arrange(box, kids);
      top.push(box);
      if (win.role === 'menu' || win.role === 'listbox' || win.role === 'dialog') popups.push(win);
    }
    arrange(root, top);
    for (const [id, el] of nodes) if (!seen.has(id)) { el.remove(); nodes.delete(id); }
    for (const [k, el] of containers) if (!used.has(k)) { el.remove(); containers.delete(k); }
    // A page of a scrolling panel came into view: the first control new to it takes the focus
    // (entering the panel: its first or last control, now that it shows its top or bottom).
    if (paging) {
      const inside = tree.windows.flatMap((w) => w.items).filter((i) => i.scroller === paging.scroller && focusable(i.role) && nodes.get(i.id));
      const fresh = paging.entering ? inside : inside.filter((i) => !paging.seen.has(i.id));
      const pick = paging.dir > 0 ? fresh[0] : fresh[fresh.length - 1];
      if (pick) { nodes.get(pick.id).focus(); paging = null; }
      else if (++paging.updates > 6) { if (paging.then?.isConnected) paging.then.focus(); paging = null; }  // nothing new: on as Tab goes
    }
    // The keyboard is where the DOM focus is: when ImGui moved its own (a window that opened took
    // it), it goes back, so the highlight on the canvas and the outline here show one place.
    const now = document.activeElement;
    if (root.contains(now) && +now.dataset.id && tree.focus !== +now.dataset.id && items.has(+now.dataset.id)) act(+now.dataset.id, 'focus');
    // A list, menu, box or question that opens takes the focus once (its chosen option, else its
    // first control); a question (modal) keeps it until answered. When the one that took it
    // closes, the focus goes back to the control that opened it.
    const active = document.activeElement;
    const inside = root.contains(active) && active !== root;
    const fresh = popups.filter((w) => !shownPopups.has(w.id));
    const modal = popups.find((w) => w.modal);
    const into = modal && !containers.get('w' + modal.id).contains(active) ? modal : fresh[fresh.length - 1];
    shownPopups = new Set(popups.map((w) => w.id));
    if (into && inside && !containers.get('w' + into.id).contains(active)) {
      opener = { id: +active.dataset.id, popup: into.id };
      const pick = into.items.find((i) => i.selected) || into.items.find((i) => focusable(i.role));
      if (pick) nodes.get(pick.id).focus();
    } else if (opener !== null && !shownPopups.has(opener.popup)) {
      const back = nodes.get(opener.id);
      opener = null;
      if (back && (!inside || !active.isConnected)) back.focus();
    } else if (lastFocus !== null && !root.contains(document.activeElement) && document.activeElement === document.body) {
      // The focus fell to the page: back to its control if it is still there, else (its panel
      // closed, its label and so its id changed) to the one in its place.
      const all = tabbable();
      const next = nodes.get(lastFocus) || all[Math.min(lastIndex, all.length - 1)];
      if (next) next.focus();
    }
    if (root.contains(document.activeElement)) lastIndex = tabbable().indexOf(document.activeElement);
  }

  let lastFocus = null, lastIndex = 0, textInput = false;
  root.addEventListener('focusin', (e) => {
    const id = +e.target.dataset.id;
    if (!id) return;
    lastFocus = id;
    lastIndex = tabbable().indexOf(e.target);
    act(id, 'focus');
  });
  root.addEventListener('focusout', (e) => {
    if (!e.relatedTarget || !root.contains(e.relatedTarget)) {
      // Focus left the mirror: for good if something else took it, else (its node went away)
      // update() puts it on the control in its place.
      if (e.relatedTarget) { lastFocus = null; act(0, 'blur'); }
    }
  });
  root.addEventListener('click', (e) => {
    const id = +e.target.dataset.id;
    if (id && e.target.tagName === 'BUTTON' && e.target.getAttribute('aria-disabled') !== 'true') act(id, 'activate');
  });
  const step = (el, it, key) => {
    const span = (it.max ?? 0) - (it.min ?? 0);
    switch (key) {
      case 'ArrowRight': case 'ArrowUp': return act(it.id, 'increment');
      case 'ArrowLeft': case 'ArrowDown': return act(it.id, 'decrement');
      case 'PageUp': return it.role === 'slider' && act(it.id, 'set', Math.min(it.max, it.value + span / 10));
      case 'PageDown': return it.role === 'slider' && act(it.id, 'set', Math.max(it.min, it.value - span / 10));
      case 'Home': return it.role === 'slider' && act(it.id, 'set', it.min);
      case 'End': return it.role === 'slider' && act(it.id, 'set', it.max);
      default: return null;
    }
  };
  // Keys on the mirror's nodes are theirs: the canvas (SDL, ImGui) does not see them, so Space on
  // a button presses that button rather than Train. Escape goes on to ImGui, which closes a list
  // or menu.
  root.addEventListener('keydown', (e) => {
    const el = e.target;
    const it = items.get(+el.dataset.id);
    if (e.key !== 'Escape' || el.tagName === 'INPUT') e.stopPropagation();
    if (!it) return;
    // Tab past the last control in view of a panel that scrolls (or Shift+Tab before the first):
    // the panel scrolls a page and the next control takes the focus there. Tab into such a panel
    // scrolled down (or Shift+Tab into one scrolled up) starts at its top (bottom).
    if (e.key === 'Tab') {
      const dir = e.shiftKey ? -1 : 1;
      const all = tabbable();
      const next = all[all.indexOf(el) + dir];
      const nextItem = next && items.get(+next.dataset.id);
      const sc = it.scroller && scrollers.get(it.scroller);
      const into = nextItem && nextItem.scroller !== it.scroller && nextItem.scroller && scrollers.get(nextItem.scroller);
      const leaving = sc && (dir > 0 ? sc.below : sc.above) && (!nextItem || nextItem.scroller !== it.scroller);
      const entering = !leaving && into && (dir > 0 ? into.above : into.below);
      if (leaving || entering) {
        e.preventDefault();
        const scroller = leaving ? it.scroller : nextItem.scroller;
        const seen = new Set([...items.values()].filter((i) => i.scroller === scroller).map((i) => i.id));
        paging = { scroller, dir, seen, entering, updates: 0, then: next };
        act(scroller, 'scroll', entering ? -dir * 1000 : dir);
        return;
      }
    }
    if (it.role === 'tab' && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      // Left and Right go to the tab beside and open it (the tab list's own keys).
      const tabs = [...el.parentElement.children].filter((t) => t.getAttribute('role') === 'tab');
      const next = tabs[(tabs.indexOf(el) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      e.preventDefault();
      if (next && next !== el) { next.focus(); act(+next.dataset.id, 'activate'); }
    } else if ((it.role === 'slider' || it.role === 'spinbutton') && step(el, it, e.key) !== null) e.preventDefault();
    else if (it.role === 'textbox' && e.key === 'Enter') { act(it.id, 'text', 0, el.value); e.preventDefault(); }
    else if (it.role === 'textbox' && e.key === 'Escape') el.value = it.valueText;
  });
  for (const type of ['keyup', 'keypress']) root.addEventListener(type, (e) => { if (e.key !== 'Escape') e.stopPropagation(); });
  // A press on the canvas takes the focus there (SDL's handler keeps the browser from moving it):
  // the keyboard is the canvas's again, and ImGui's highlight goes.
  canvas.addEventListener('pointerdown', () => { if (root.contains(document.activeElement)) canvas.focus({ preventScroll: true }); }, true);
  // Tab from the canvas (or the page) enters the mirror: SDL would otherwise keep the key.
  window.addEventListener('keydown', (e) => {
    // (Not while an ImGui text field has the keys: Tab moves between its fields there.)
    if (e.key !== 'Tab' || root.contains(document.activeElement) || textInput) return;
    const all = tabbable();
    if (!all.length) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    (e.shiftKey ? all[all.length - 1] : all[0]).focus();
  }, true);

  update(true);
  const timer = setInterval(() => update(false), 150);
  return { update, root, stop: () => clearInterval(timer) };
};
