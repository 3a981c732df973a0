"use client";
// A count on /insights as a link into the queue view that lists exactly the requests it
// counts (a client component: MUI's Link takes Next's link as its component).
import NextLink from "next/link";
import Link from "@mui/material/Link";

/** A count that opens the queue view listing exactly the requests it counts; `name` says which. */
export type CountLink = { value: number; href: string; name: string };

/** The number as a link into the queue; its accessible name starts with the number people see. */
export function QueueCountLink({ value, href, name }: CountLink) {
  const shown = value.toLocaleString("en-US");
  return (
    <Link component={NextLink} href={href} aria-label={`${shown} ${name}`} data-queue-count={value}>
      {shown}
    </Link>
  );
}
