/**
 * When a live page (the owner's dashboard) reads its numbers again: every `everyMs` while the tab is
 * shown, and at once when a tab that was hidden longer than that comes back. A hidden tab reads nothing,
 * so a dashboard left open in the background costs the API nothing. Pure: the component passes the
 * clock, the page's visibility and what a refresh does.
 */
export function createLiveRefresh(options: {
  everyMs: number;
  now: () => number;
  visible: () => boolean;
  refresh: () => void;
}) {
  let last = options.now();
  const refresh = () => {
    last = options.now();
    options.refresh();
  };
  return {
    /**
     * Called by the interval's tick and when the tab is shown again: refreshes if the tab is shown and
     * the numbers are at least `everyMs` old.
     */
    check() {
      if (options.visible() && options.now() - last >= options.everyMs) refresh();
    },
    /** The page was rendered afresh by something else (a link, a form): count from now. */
    rendered() {
      last = options.now();
    },
  };
}
