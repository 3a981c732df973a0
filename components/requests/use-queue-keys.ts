"use client";
// Single-key shortcuts for the queue (Linear/Gmail style). They are ignored while the
// user types in a field, with a modifier held, or while a dialog is open.
import { useEffect, useRef } from "react";

type QueueKeyHandlers = {
  search: () => void;
  move: (delta: 1 | -1) => void;
  open: () => void;
  toggleSelect: () => void;
  newRequest: () => void;
  help: () => void;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
}

/** Escape leaves a text field, so the shortcuts work again without reaching for the mouse. */
function blurOnEscape(event: KeyboardEvent): boolean {
  if (event.key === "Escape" && isTyping(event.target) && (event.target as HTMLElement).closest("[data-queue-keys]")) {
    (event.target as HTMLElement).blur();
    return true;
  }
  return false;
}

export function useQueueKeys(handlers: QueueKeyHandlers) {
  // The latest handlers, read when a key is pressed (after the render that made them).
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (blurOnEscape(event)) return;
      if (isTyping(event.target)) return;
      if (document.querySelector('[role="dialog"], [role="presentation"].MuiPopover-root, [role="listbox"]')) return;
      const h = current.current;
      const run = (fn: () => void) => {
        event.preventDefault();
        fn();
      };
      switch (event.key) {
        case "/":
          return run(h.search);
        case "j":
        case "ArrowDown":
          return onRowOrBody(event) ? run(() => h.move(1)) : undefined;
        case "k":
        case "ArrowUp":
          return onRowOrBody(event) ? run(() => h.move(-1)) : undefined;
        case "Enter":
          return onRowOrBody(event) ? run(h.open) : undefined;
        case "x":
          return run(h.toggleSelect);
        case "n":
          return run(h.newRequest);
        case "?":
          return run(h.help);
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}

/**
 * Arrows and Enter belong to whatever has focus (a button, a link, a menu); they move
 * through the queue only from a row or from nowhere in particular. j and k always do.
 */
function onRowOrBody(event: KeyboardEvent): boolean {
  if (event.key === "j" || event.key === "k") return true;
  const target = event.target as HTMLElement | null;
  return !target || target === document.body || target.matches("tr[data-queue-row]");
}
