"use client";
// A MUI Button that navigates with Next's client router. Server Components cannot pass
// NextLink as a prop across the client boundary, so they use this instead.
import type { ReactNode } from "react";
import NextLink from "next/link";
import Button, { type ButtonProps } from "@mui/material/Button";

type Props = Pick<ButtonProps, "variant" | "color" | "size" | "startIcon"> & {
  href: string;
  children: ReactNode;
  /** Marks the link to the page being shown (aria-current="page"). */
  ariaCurrent?: boolean;
};

export function LinkButton({ href, children, ariaCurrent, ...props }: Props) {
  return (
    <Button component={NextLink} href={href} aria-current={ariaCurrent ? "page" : undefined} {...props}>
      {children}
    </Button>
  );
}
