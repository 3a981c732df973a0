"use client";
// The queue's requester filter: a people picker (MUI Autocomplete searching GET
// /api/users, which any signed-in person may read: names are not secret inside the
// company). Its code loads when the field is first hovered or focused, or at once when
// the URL already names someone; until then a static field of the same look stands in.
import { lazy, Suspense, useState, type CSSProperties } from "react";
import { useQuery } from "@tanstack/react-query";
import { personFilter } from "@/lib/queries/queue-view";
import { personOptions } from "@/lib/queries/users";
import { OutlinedTextField } from "@/components/requests/filter-fields";

const loadPicker = () => import("@/components/requests/requester-picker");
const RequesterPicker = lazy(() => loadPicker().then((m) => ({ default: m.RequesterPicker })));

type Props = { value: string | undefined; onChange: (requester: string) => void; style?: CSSProperties };

export function RequesterFilter({ value, onChange, style }: Props) {
  const id = personFilter(value);
  const person = useQuery({ ...personOptions(id ?? ""), enabled: id !== null });
  const [active, setActive] = useState(false);
  const [focused, setFocused] = useState(false);
  const name = id === null ? "" : person.isPending ? "…" : (person.data?.name ?? "Someone who is not here");
  const standIn = <OutlinedTextField label="Requester" value={name} onChange={() => {}} />;
  if (!active && id === null) {
    return (
      <div
        style={style}
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
    <div style={style}>
      <Suspense fallback={standIn}>
        <RequesterPicker person={person.data ?? null} personId={id} onChange={onChange} autoFocus={focused} />
      </Suspense>
    </div>
  );
}
