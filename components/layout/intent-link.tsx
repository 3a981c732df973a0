"use client";
// A Next link that fetches its page when someone reaches for it (pointer over it, focus,
// a touch), not when it scrolls into view. For links to pages whose code is large (the
// request form: its fields and zod), which Next's automatic prefetch would download and
// compile in the middle of the current page's own start-up.
import type { ComponentProps, FocusEvent, PointerEvent, Ref, TouchEvent } from "react";
import NextLink from "next/link";
import { useRouter } from "next/navigation";

type Props = Omit<ComponentProps<typeof NextLink>, "href" | "prefetch"> & { href: string; ref?: Ref<HTMLAnchorElement> };

export function IntentLink({ href, onPointerEnter, onFocus, onTouchStart, ...props }: Props) {
  const router = useRouter();
  return (
    <NextLink
      href={href}
      prefetch={false}
      onPointerEnter={(e: PointerEvent<HTMLAnchorElement>) => {
        router.prefetch(href);
        onPointerEnter?.(e);
      }}
      onFocus={(e: FocusEvent<HTMLAnchorElement>) => {
        router.prefetch(href);
        onFocus?.(e);
      }}
      onTouchStart={(e: TouchEvent<HTMLAnchorElement>) => {
        router.prefetch(href);
        onTouchStart?.(e);
      }}
      {...props}
    />
  );
}
