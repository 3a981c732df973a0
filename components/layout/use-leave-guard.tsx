"use client";
// Asks before a page with unsaved changes is left. The App Router has no route-change
// events, so this covers each way out separately:
//
// - reload, tab close, typed URL, links to other sites: the browser's own
//   `beforeunload` prompt (browsers show their own wording);
// - in-app links (<a href>, Next's <Link>, MUI links and buttons rendered as anchors):
//   a capture-phase click listener on the document sees the click before React does,
//   cancels it and asks in a dialog; "Leave" then navigates with the router;
// - the Back button: while armed, one extra history entry for the same URL sits on top
//   (pushState without a URL, so Next copies its router state into it). Back pops that
//   entry — Next re-renders the same page, nothing is lost — and the dialog asks; "Stay"
//   pushes the entry again, "Leave" goes back once more.
//
// Not covered: router.push()/replace() calls in code (callers use `navigate`, which
// also takes the extra history entry off the stack) and links opened in a new tab or
// window (nothing is left).
import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import dynamic from "next/dynamic";

const LeaveGuardDialog = dynamic(() => import("./leave-guard-dialog").then((m) => m.LeaveGuardDialog), { ssr: false });

const GUARD_KEY = "__kvstoreLeaveGuard";

type Pending = { kind: "link"; href: string } | { kind: "back" };

function isGuardEntry(state: unknown): boolean {
  return typeof state === "object" && state !== null && (state as Record<string, unknown>)[GUARD_KEY] === true;
}

/** The in-app destination of a click, or null when the click does not leave this page. */
function internalHref(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.("a[href]");
  if (!(anchor instanceof HTMLAnchorElement)) return null;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return null; // beforeunload asks for those
  const here = new URL(window.location.href);
  if (url.pathname === here.pathname && url.search === here.search) return null; // "#field" links stay
  return `${url.pathname}${url.search}${url.hash}`;
}

export function useLeaveGuard({ when, title = "Leave this page?", message }: { when: boolean; title?: string; message: string }) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  // Once asked, the dialog stays mounted, so it can close with its transition.
  const [asked, setAsked] = useState(false);
  if (pending && !asked) setAsked(true);
  // Read by the listeners below, which run after the render that set it.
  const armed = useRef(when);
  useEffect(() => {
    armed.current = when;
  });
  /** Whether the extra history entry is the current one. */
  const onGuardEntry = useRef(false);

  // Reload, close, typed URL.
  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!armed.current) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [when]);

  // In-app links.
  useEffect(() => {
    if (!when) return;
    const onClick = (event: MouseEvent) => {
      const href = armed.current ? internalHref(event) : null;
      if (!href) return;
      event.preventDefault();
      event.stopPropagation();
      setPending({ kind: "link", href });
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, [when]);

  // The Back button. After a reload the browser may already stand on our entry.
  useEffect(() => {
    onGuardEntry.current = isGuardEntry(window.history.state);
    const onPopState = (event: PopStateEvent) => {
      if (isGuardEntry(event.state)) {
        onGuardEntry.current = true; // came forward onto it
        return;
      }
      if (!onGuardEntry.current) return;
      onGuardEntry.current = false;
      if (armed.current) setPending({ kind: "back" });
      else window.history.back(); // nothing to protect any more: skip the duplicate entry
    };
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);
  useEffect(() => {
    if (when && !onGuardEntry.current) {
      window.history.pushState({ [GUARD_KEY]: true }, "");
      onGuardEntry.current = true;
    }
  }, [when]);

  /** Navigates away on purpose (after a save, or "Leave"): no prompt, no extra Back step. */
  const navigate = useCallback(
    (href: string) => {
      armed.current = false;
      if (onGuardEntry.current) {
        onGuardEntry.current = false;
        router.replace(href); // overwrite the extra entry instead of stacking on it
      } else router.push(href);
    },
    [router],
  );

  function stay() {
    if (pending?.kind === "back" && armed.current) {
      window.history.pushState({ [GUARD_KEY]: true }, "");
      onGuardEntry.current = true;
    }
    setPending(null);
  }

  function leave() {
    const target = pending;
    setPending(null);
    armed.current = false;
    if (target?.kind === "link") navigate(target.href);
    else window.history.back();
  }

  const dialog = asked && <LeaveGuardDialog open={pending !== null} title={title} message={message} onStay={stay} onLeave={leave} />;

  return { navigate, dialog };
}
