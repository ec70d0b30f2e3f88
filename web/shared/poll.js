// Asking the server again and again (a state that someone else changes): one request at a time.
import { useEffect, useRef } from "./ui.js";

/** Calls `load()` every `seconds` while `seconds` is set, waiting for each answer before the
 * next; stops when the page goes. `load` may change between renders: the latest one runs. */
export function usePoll(seconds, load) {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    if (!seconds) return undefined;
    let timer = null;
    let live = true;
    const tick = async () => {
      try {
        await latest.current();
      } finally {
        if (live) timer = setTimeout(tick, seconds * 1000);
      }
    };
    timer = setTimeout(tick, seconds * 1000);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [seconds]);
}
