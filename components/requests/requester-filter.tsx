"use client";
// The queue's requester filter: a people picker (MUI Autocomplete searching GET
// /api/users, which any signed-in person may read: names are not secret inside the
// company). Its code loads when the field is first hovered or focused, or at once when
// the URL already names someone; until then a static field of the same look stands in.
import { lazy, Suspense, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { personFilter } from "@/lib/queries/queue-view";
import { personOptions } from "@/lib/queries/users";
import { OutlinedTextField } from "@/components/requests/filter-fields";

const loadPicker = () => import("@/components/requests/requester-picker");
const RequesterPicker = lazy(() => loadPicker().then((m) => ({ default: m.RequesterPicker })));

type Props = { value: string | undefined; onChange: (requester: string) => void; className?: string };

export function RequesterFilter({ value, onChange, className }: Props) {
  const id = personFilter(value);
  const person = useQuery({ ...personOptions(id ?? ""), enabled: id !== null });
  // Once shown, the picker stays (clearing its chip must not swap it back for the stand-in).
  const [active, setActive] = useState(id !== null);
  if (id !== null && !active) setActive(true);
  const [focused, setFocused] = useState(false);
  const name = id === null ? "" : person.isPending ? "…" : (person.data?.name ?? "Someone who is not here");
  const standIn = <OutlinedTextField label="Requester" value={name} onChange={() => {}} />;
  if (!active) {
    return (
      <div
        className={className}
        onPointerEnter={() => setActive(true)}
        onFocus={() => {
          setFocused(true);
          setActive(true);
        }}
      >
        {standIn}
      </div>
    );
  }
  return (
    <div className={className}>
      <Suspense fallback={standIn}>
        <RequesterPicker person={person.data ?? null} personId={id} onChange={onChange} autoFocus={focused} />
      </Suspense>
    </div>
  );
}
