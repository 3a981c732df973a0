// A count on /insights as a link into the queue view that lists exactly the requests it
// counts, drawn as MUI's Link (static-page.module.css).
import NextLink from "next/link";
import ui from "@/components/layout/static-page.module.css";

/** A count that opens the queue view listing exactly the requests it counts; `name` says which. */
export type CountLink = { value: number; href: string; name: string };

/** The number as a link into the queue; its accessible name starts with the number people see. */
export function QueueCountLink({ value, href, name }: CountLink) {
  const shown = value.toLocaleString("en-US");
  return (
    <NextLink href={href} aria-label={`${shown} ${name}`} data-queue-count={value} className={ui.link}>
      {shown}
    </NextLink>
  );
}
