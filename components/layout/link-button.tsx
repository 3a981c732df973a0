"use client";
// A MUI Button that navigates with Next's client router. Server Components cannot pass
// NextLink as a prop across the client boundary, so they use this instead.
import type { ReactNode } from "react";
import NextLink from "next/link";
import Button, { type ButtonProps } from "@mui/material/Button";

type Props = Pick<ButtonProps, "variant" | "color" | "size" | "startIcon"> & { href: string; children: ReactNode };

export function LinkButton({ href, children, ...props }: Props) {
  return (
    <Button component={NextLink} href={href} {...props}>
      {children}
    </Button>
  );
}
