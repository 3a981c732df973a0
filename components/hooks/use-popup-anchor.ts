"use client";
import { useState } from "react";

/**
 * A button's popup whose code loads on first use: where it hangs (null: closed), and
 * whether it was ever opened (it stays mounted from then on, so it keeps its closing
 * transition).
 */
export function usePopupAnchor() {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [opened, setOpened] = useState(false);
  return {
    anchor,
    opened,
    open: (event: { currentTarget: HTMLElement }) => {
      setOpened(true);
      setAnchor(event.currentTarget);
    },
    close: () => setAnchor(null),
  };
}
