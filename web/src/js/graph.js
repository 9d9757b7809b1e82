// A cluster's network as a Cytoscape.js graph: one node per report and per
// identifier, an edge per occurrence (labelled with its role). Each kind has
// its own shape AND colour, so the picture also reads for colour-blind
// analysts; money mules are red with a thick border.
import cytoscape from '/vendor/cytoscape.esm.min.mjs';

export const KIND_STYLE = {
  report: { shape: 'round-rectangle', color: '#4a5560', label: 'report' },
  iban: { shape: 'diamond', color: '#c05600', label: 'IBAN' },
  phone: { shape: 'ellipse', color: '#2e7d32', label: 'phone' },
  device: { shape: 'hexagon', color: '#6a3d9a', label: 'device' },
  url: { shape: 'triangle', color: '#1f6fb4', label: 'URL / domain' },
  email: { shape: 'rectangle', color: '#8c564b', label: 'e-mail' },
  handle: { shape: 'star', color: '#c2185b', label: 'profile / handle' },
  crypto: { shape: 'octagon', color: '#00838f', label: 'crypto wallet' },
};
const MULE_COLOR = '#b3001b';

function short(s, n = 22) {
  s = String(s ?? '');
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

//! Cytoscape elements for a normalised cluster detail (see api.js clusterDetail).
export function elementsOf(detail) {
  const els = [];
  detail.reports.forEach((r, n) => {
    els.push({ data: { id: `r${n}`, kind: 'report', label: short(r.id, 18), index: n }, classes: 'report' });
  });
  detail.identifiers.forEach((i, n) => {
    const classes = [i.kind in KIND_STYLE ? i.kind : 'other'];
    if (i.mule) classes.push('mule');
    if (!i.linkable) classes.push('unlinkable');
    els.push({ data: { id: `i${n}`, kind: i.kind, label: short(i.value), index: n }, classes: classes.join(' ') });
  });
  detail.edges.forEach((e, n) => {
    els.push({
      data: { id: `e${n}`, source: `r${e.report}`, target: `i${e.identifier}`, role: e.role || '' },
      classes: e.role === 'spoofed' ? 'spoofed' : '',
    });
  });
  return els;
}

function stylesheet() {
  const s = [
    {
      selector: 'node',
      style: {
        label: 'data(label)', 'font-size': 10, color: '#1b1f24', 'text-valign': 'bottom', 'text-margin-y': 3,
        'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 1,
        width: 26, height: 26, 'border-width': 1, 'border-color': '#1b1f24',
      },
    },
    { selector: 'edge', style: { width: 1.5, 'line-color': '#9aa5b1', 'curve-style': 'bezier' } },
    { selector: 'edge.spoofed', style: { 'line-style': 'dashed' } },
    // Big clusters: only identifiers that matter keep a label, or the
    // picture drowns in text; a click still shows every node's details.
    { selector: 'node.quiet', style: { label: '' } },
    { selector: 'node.unlinkable', style: { opacity: 0.55, 'border-style': 'dashed' } },
    {
      selector: 'node.mule',
      style: { 'background-color': MULE_COLOR, 'border-width': 5, 'border-color': '#ffbf1f', width: 40, height: 40, 'font-weight': 'bold' },
    },
    { selector: 'node:selected', style: { 'overlay-color': '#154273', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    { selector: 'edge:selected', style: { 'line-color': '#154273', width: 3, label: 'data(role)', 'font-size': 9 } },
  ];
  for (const [kind, st] of Object.entries(KIND_STYLE)) {
    s.splice(2, 0, { selector: `node.${kind}`, style: { shape: st.shape, 'background-color': st.color } });
  }
  return s;
}

//! Draws the graph into `container`; `onSelect(kind, index)` is called when a
//! node is tapped (kind 'report' → index into reports, else into identifiers).
export function drawGraph(container, detail, onSelect) {
  const elements = elementsOf(detail);
  const nodes = detail.reports.length + detail.identifiers.length;
  if (nodes > 80) {
    for (const el of elements) {
      if (el.data.source) continue;
      const ident = el.data.kind !== 'report' && detail.identifiers[el.data.index];
      if (!ident || (!ident.mule && ident.reports < 3)) el.classes = `${el.classes} quiet`;
    }
  }
  const cy = cytoscape({
    container,
    elements,
    style: stylesheet(),
    // cose costs O(nodes² × iterations): full quality for small clusters,
    // fewer iterations for big ones so the page stays responsive, and a
    // concentric layout (identifiers inside, reports around) beyond that.
    layout: nodes <= 600
      ? {
        name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 60,
        numIter: nodes <= 120 ? 1000 : 150, initialTemp: nodes <= 120 ? 1000 : 200,
      }
      : { name: 'concentric', animate: false, concentric: (n) => (n.hasClass('report') ? 1 : 2) },
    minZoom: 0.1,
    maxZoom: 4,
    // Big networks: pan and zoom move a snapshot instead of redrawing every
    // label each frame; without a GPU a redraw of a few hundred labelled
    // nodes can stall the page.
    pixelRatio: 1,
    textureOnViewport: nodes > 150,
    hideEdgesOnViewport: nodes > 150,
  });
  cy.on('tap', 'node', (evt) => {
    const n = evt.target;
    onSelect(n.data('kind') === 'report' ? 'report' : 'identifier', n.data('index'));
  });
  return cy;
}

//! Marks a node selected and zooms to it (used by the keyboard-friendly node list).
export function focusNode(cy, kind, index) {
  cy.$(':selected').unselect();
  const n = cy.getElementById(kind === 'report' ? `r${index}` : `i${index}`);
  n.select();
  // Small networks: zoom to the node and its neighbours, what an analyst
  // wants to see next. Big ones keep the overview (selection shows the node).
  if (cy.nodes().length <= 150) cy.animate({ fit: { eles: n.closedNeighborhood(), padding: 60 }, duration: 200 });
}

//! Legend entries as small inline SVGs (shape + colour). `label(key)` gives
//! the page's text for a kind ('kind.iban', …) and for 'mule' and
//! 'unlinkable'; without it the English labels above.
export function legendHtml(label = null) {
  const shapes = {
    'round-rectangle': '<rect x="2" y="4" width="14" height="10" rx="3"/>',
    diamond: '<polygon points="9,1 17,9 9,17 1,9"/>',
    ellipse: '<circle cx="9" cy="9" r="7"/>',
    hexagon: '<polygon points="5,2 13,2 17,9 13,16 5,16 1,9"/>',
    triangle: '<polygon points="9,2 17,16 1,16"/>',
    rectangle: '<rect x="2" y="3" width="14" height="12"/>',
    star: '<polygon points="9,1 11,7 17,7 12,11 14,17 9,13 4,17 6,11 1,7 7,7"/>',
    octagon: '<polygon points="6,1 12,1 17,6 17,12 12,17 6,17 1,12 1,6"/>',
  };
  const text = (key, fallback) => (label ? label(key) : fallback);
  const items = Object.entries(KIND_STYLE).map(([kind, st]) =>
    `<li><svg viewBox="0 0 18 18" aria-hidden="true"><g fill="${st.color}" stroke="#1b1f24">${shapes[st.shape]}</g></svg>${text(`kind.${kind}`, st.label)}</li>`);
  items.push(`<li><svg viewBox="0 0 18 18" aria-hidden="true"><polygon points="9,1 17,9 9,17 1,9" fill="${MULE_COLOR}" stroke="#ffbf1f" stroke-width="3"/></svg>${text('dash.node.mule', 'money mule')}</li>`);
  items.push(`<li><svg viewBox="0 0 18 18" aria-hidden="true"><circle cx="9" cy="9" r="7" fill="#ccc" stroke="#1b1f24" stroke-dasharray="3 2"/></svg>${text('dash.legend.unlinkable', 'not linkable (spoofed / warning-list)')}</li>`);
  return items.join('');
}
