"use client";
// The requester filter's people picker, loaded by requester-filter.tsx: type part of a
// name, email or team, pick a person; the chip names them and clears the filter.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Autocomplete from "@mui/material/Autocomplete";
import Chip from "@mui/material/Chip";
import ListItemText from "@mui/material/ListItemText";
import TextField from "@mui/material/TextField";
import { peopleSearchOptions, personOptions } from "@/lib/queries/users";
import type { UserDto } from "@/lib/schemas/user";
import { useDebounced } from "@/components/hooks/use-debounced";

type Props = {
  /** The person the URL names, once known. */
  person: UserDto | null;
  personId: string | null;
  /** A person's id, or "all" when cleared. */
  onChange: (requester: string) => void;
  autoFocus: boolean;
};

export function RequesterPicker({ person, personId, onChange, autoFocus }: Props) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState("");
  const q = useDebounced(input.trim(), 250);
  const found = useQuery({ ...peopleSearchOptions(q), enabled: open });
  const value = personId && person?.id === personId ? person : null;
  const options = found.data?.items ?? [];
  return (
    <Autocomplete
      size="small"
      fullWidth
      // The list stays inside the page's main landmark (axe: region), under the field.
      disablePortal
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      value={value}
      // The server searched: show what it found (and keep the chosen one an option).
      options={value && !options.some((p) => p.id === value.id) ? [value, ...options] : options}
      filterOptions={(x) => x}
      getOptionLabel={(p) => p.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      inputValue={input}
      onInputChange={(_, text, reason) => setInput(reason === "reset" ? "" : text)}
      onChange={(_, p) => {
        // Known already: the chip names them without asking the server again.
        if (p) queryClient.setQueryData(personOptions(p.id).queryKey, p);
        onChange(p ? p.id : "all");
      }}
      loading={open && found.isFetching}
      loadingText="Searching…"
      noOptionsText={q ? "Nobody with that name, email or team" : "Type a name, email or team"}
      renderOption={({ key, ...props }, p) => (
        <li key={key} {...props}>
          <ListItemText primary={p.name} secondary={[p.email, p.team].filter(Boolean).join(" · ")} sx={{ my: 0 }} />
        </li>
      )}
      renderValue={(p, getItemProps) => <Chip size="small" label={p.name} {...getItemProps()} />}
      renderInput={(params) => <TextField {...params} label="Requester" autoFocus={autoFocus} />}
    />
  );
}
