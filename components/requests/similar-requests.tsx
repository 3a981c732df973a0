"use client";
// Under the dataset name and source location fields: live requests that may be the
// same dataset ("may duplicate KV-123 — open it"), looked up on the server as the
// user types.
import { useWatch, type Control } from "react-hook-form";
import { useQuery } from "@tanstack/react-query";
import { LABELS } from "@/lib/domain/requests/options";
import { similarRequestsOptions } from "@/lib/queries/similar";
import type { SimilarRequest } from "@/lib/schemas/similar";
import type { CreateRequestBody, CreateRequestInput } from "@/lib/schemas/request";
import { useDebounced } from "@/components/hooks/use-debounced";
import { StaticAlert } from "@/components/layout/static-alert";
import ui from "@/components/layout/static-page.module.css";
import styles from "./request-form.module.css";

type Kind = "name" | "location";
type Props = {
  control: Control<CreateRequestInput, unknown, CreateRequestBody>;
  kind: Kind;
  /** The request being edited, which must not match itself. */
  exclude?: string;
};

const FIELD = { name: "datasetName", location: "sourceLocation" } as const;

export function SimilarRequests({ control, kind, exclude }: Props) {
  const raw = useWatch({ control, name: FIELD[kind] }) as unknown;
  const value = useDebounced(typeof raw === "string" ? raw.trim() : "", 300);
  const enabled = value.length >= 3;
  const { data } = useQuery({ ...similarRequestsOptions({ [kind]: value, exclude }), enabled });
  const items = enabled ? (data?.items ?? []) : [];
  const taken = items.find((i) => i.match === "sameName");

  return (
    <div aria-live="polite" data-testid={`similar-${kind}`}>
      {items.length > 0 && (
        <StaticAlert severity={taken ? "error" : "warning"} variant="outlined" className={styles.similar}>
          {taken ? (
            <>
              <RequestLink item={taken} /> already uses this name ({LABELS.status[taken.status]}). Choose another name, or open it.
            </>
          ) : kind === "name" ? (
            "May duplicate a dataset with a similar name:"
          ) : (
            "Another request already reads from this location:"
          )}
          {items.filter((i) => i !== taken).length > 0 && (
            <ul className={styles.similarList}>
              {items
                .filter((i) => i !== taken)
                .map((item) => (
                  <li key={item.number}>
                    <RequestLink item={item} /> <code>{item.datasetName}</code> · {LABELS.status[item.status]} · {item.ownerTeam}
                  </li>
                ))}
            </ul>
          )}
        </StaticAlert>
      )}
    </div>
  );
}

/** "KV-123", a link that opens the request in a new tab so the form stays as it is. */
function RequestLink({ item }: { item: SimilarRequest }) {
  return (
    <a href={`/requests/${item.number}`} target="_blank" rel="noopener" className={`${ui.link} ${styles.similarLink}`}>
      {item.number}
      <span className={styles.visuallyHidden}> (opens in a new tab)</span>
    </a>
  );
}
