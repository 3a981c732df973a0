"use client";
// Under the dataset name and source location fields: live requests that may be the
// same dataset ("may duplicate KV-123 — open it"), looked up on the server as the
// user types.
import { useWatch, type Control } from "react-hook-form";
import { useQuery } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import { LABELS } from "@/lib/domain/requests/options";
import { similarRequestsOptions } from "@/lib/queries/similar";
import type { SimilarRequest } from "@/lib/schemas/similar";
import type { CreateRequestBody, CreateRequestInput } from "@/lib/schemas/request";
import { useDebounced } from "@/components/hooks/use-debounced";

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
    <Box aria-live="polite" data-testid={`similar-${kind}`}>
      {items.length > 0 && (
        <Alert severity={taken ? "error" : "warning"} variant="outlined" sx={{ mt: 1 }}>
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
            <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
              {items
                .filter((i) => i !== taken)
                .map((item) => (
                  <li key={item.number}>
                    <RequestLink item={item} /> <code>{item.datasetName}</code> · {LABELS.status[item.status]} · {item.ownerTeam}
                  </li>
                ))}
            </Box>
          )}
        </Alert>
      )}
    </Box>
  );
}

/** "KV-123", a link that opens the request in a new tab so the form stays as it is. */
function RequestLink({ item }: { item: SimilarRequest }) {
  return (
    <Link href={`/requests/${item.number}`} target="_blank" rel="noopener" sx={{ fontWeight: 500 }}>
      {item.number}
      <Box component="span" sx={visuallyHidden}>
        {" "}
        (opens in a new tab)
      </Box>
    </Link>
  );
}

/** Read by screen readers, not shown. (Strings: in sx, width 1 would mean 100%.) */
const visuallyHidden = {
  position: "absolute",
  width: "1px",
  height: "1px",
  margin: "-1px",
  padding: 0,
  border: 0,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
} as const;
