// The console's flow diagram: the line's SVG for the region called, lit turn by turn as the call goes.

/**
 * The diagram drawn in `box`. `nameRegion(id)` names a region for people (the diagram's label).
 * Returns what the page does with it: show a region's diagram, clear what was lit, light one turn.
 */
export function createDiagram(box, nameRegion) {
  /** Region whose diagram is shown ("" for every region). */
  let shownRegion = null;

  async function showDiagram(region) {
    if (region === shownRegion) return;
    shownRegion = region;
    const res = await fetch(`/api/diagram.svg?region=${encodeURIComponent(region)}`);
    if (!res.ok) {
      box.textContent = "The diagram could not be drawn.";
      return;
    }
    const doc = new DOMParser().parseFromString(await res.text(), "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("role", "img");
    svg.setAttribute(
      "aria-label",
      `Call flow diagram${region ? ` for ${nameRegion(region)}` : " for every region"}: menus, teams, and what happens when a transfer fails.`,
    );
    box.replaceChildren(svg);
  }

  function diagramElement(id) {
    const el = document.getElementById(id);
    return el && box.contains(el) ? el : null;
  }

  function resetDiagram() {
    for (const el of box.querySelectorAll(".taken, .visited, .current, .connected"))
      el.classList.remove("taken", "visited", "current", "connected");
  }

  function lightTurn(step) {
    box.classList.add("active");
    for (const id of step.edges) diagramElement(id)?.classList.add("taken");
    for (const el of box.querySelectorAll(".node.current")) el.classList.remove("current");
    const node = step.node && diagramElement(step.node);
    if (node) node.classList.add("visited", "current");
    if (step.connected && node) node.classList.add("connected");
    if (node) keepInView(node);
  }

  /** Scrolls the diagram sideways (on a narrow screen) so the call's node shows, without moving the page. */
  function keepInView(node) {
    const frame = box.getBoundingClientRect();
    const at = node.getBoundingClientRect();
    if (at.left >= frame.left && at.right <= frame.right) return;
    box.scrollLeft += at.left + at.width / 2 - (frame.left + frame.width / 2);
  }

  return { showDiagram, resetDiagram, lightTurn };
}
