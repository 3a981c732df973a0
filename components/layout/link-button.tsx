"use client";
// A MUI Button that navigates with Next's client router. Server Components cannot pass
// NextLink as a prop across the client boundary, so they use this instead.
import type { ReactNode } from "react";
import NextLink from "next/link";
import Button, { type ButtonProps } from "@mui/material/Button";
import { IntentLink } from "@/components/layout/intent-link";

type Props = Pick<ButtonProps, "variant" | "color" | "size" | "startIcon"> & {
  href: string;
  children: ReactNode;
  /** Marks the link to the page being shown (aria-current="page"). */
  ariaCurrent?: boolean;
  /** Fetch the page when reached for, not when in view (intent-link.tsx). */
  prefetchOnIntent?: boolean;
};

export function LinkButton({ href, children, ariaCurrent, prefetchOnIntent, ...props }: Props) {
  return (
    <Button component={prefetchOnIntent ? IntentLink : NextLink} href={href} aria-current={ariaCurrent ? "page" : undefined} {...props}>
      {children}
    </Button>
  );
}
