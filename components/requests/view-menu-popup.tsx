"use client";
// The queue's view menu, loaded on the first click (view-menu.tsx): the presets with
// their counts, then the person's saved views (each opens its view; a button deletes
// it), then "Save view…". A popover of links and buttons rather than role="menu": a
// menu item may not hold a second control (the delete button).
import NextLink from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Divider from "@mui/material/Divider";
import IconButton from "@mui/material/IconButton";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemText from "@mui/material/ListItemText";
import ListSubheader from "@mui/material/ListSubheader";
import Popover from "@mui/material/Popover";
import Typography from "@mui/material/Typography";
import DeleteOutlineIcon from "@mui/icons-material/DeleteOutlined";
import type { Role } from "@/lib/auth/roles";
import { activePreset, PRESET_IDS, PRESETS } from "@/lib/domain/requests/presets";
import { presetCountsOptions } from "@/lib/queries/requests";
import { presetHref, queueViewToSearch } from "@/lib/queries/queue-view";
import { deleteView, viewKeys, viewListOptions } from "@/lib/queries/views";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import type { SavedViewDto } from "@/lib/schemas/view";
import { useToast } from "@/components/feedback/toast-provider";

type Props = {
  view: ListRequestsQuery;
  role: Role;
  live: boolean;
  anchor: HTMLElement | null;
  close: () => void;
  onSave: () => void;
};

export function ViewMenuPopup({ view, role, live, anchor, close, onSave }: Props) {
  const counts = useQuery(presetCountsOptions({ live }));
  const saved = useQuery(viewListOptions());
  const queryClient = useQueryClient();
  const toast = useToast();
  const remove = useMutation({
    mutationFn: (v: SavedViewDto) => deleteView(v.id),
    onSuccess: (_, v) => {
      toast(`Deleted the view "${v.name}"`);
      return queryClient.invalidateQueries({ queryKey: viewKeys.all });
    },
    onError: (e) => toast(e.message, { severity: "error" }),
  });
  const preset = activePreset(view, role);
  const current = queueViewToSearch({ ...view, page: 1 });

  return (
    <Popover
      open={Boolean(anchor)}
      anchorEl={anchor}
      onClose={close}
      anchorOrigin={{ vertical: "bottom", horizontal: "left" }}
      slotProps={{ paper: { role: "dialog", "aria-label": "Views", sx: { width: 320, maxWidth: "calc(100vw - 32px)" } } }}
    >
      {/* Each list is labelled by its heading (a subheader inside the <ul> is not a list item). */}
      <ListSubheader component="div" id="view-menu-presets">
        Presets
      </ListSubheader>
      <List dense disablePadding aria-labelledby="view-menu-presets">
        {PRESET_IDS.map((id) => (
          <ListItem key={id} disablePadding>
            <ListItemButton
              component={NextLink}
              href={presetHref(view, id, role)}
              scroll={false}
              selected={preset === id}
              aria-current={preset === id ? "page" : undefined}
              onClick={close}
            >
              <ListItemText primary={PRESETS[id].label} secondary={PRESETS[id].description[role]} />
              <Typography variant="body2" color="textSecondary" sx={{ ml: 2, fontVariantNumeric: "tabular-nums" }}>
                {counts.data?.[id]?.toLocaleString("en-US") ?? "…"}
              </Typography>
            </ListItemButton>
          </ListItem>
        ))}
      </List>
      <Divider sx={{ mt: 1 }} />
      <ListSubheader component="div" id="view-menu-saved">
        Your views
      </ListSubheader>
      <List dense disablePadding aria-labelledby="view-menu-saved">
        {saved.data?.items.map((v) => (
          <ListItem
            key={v.id}
            disablePadding
            secondaryAction={
              <IconButton edge="end" size="small" aria-label={`Delete the view "${v.name}"`} disabled={remove.isPending} onClick={() => remove.mutate(v)}>
                <DeleteOutlineIcon fontSize="small" />
              </IconButton>
            }
          >
            <ListItemButton
              component={NextLink}
              href={`/requests?${v.query}`}
              scroll={false}
              selected={v.query === current}
              aria-current={v.query === current ? "page" : undefined}
              onClick={close}
            >
              <ListItemText primary={v.name} slotProps={{ primary: { sx: { overflowWrap: "anywhere" } } }} />
            </ListItemButton>
          </ListItem>
        ))}
        {saved.isPending && (
          <ListItem>
            <ListItemText secondary="Loading your views…" />
          </ListItem>
        )}
        {saved.data?.items.length === 0 && (
          <ListItem>
            <ListItemText secondary="None yet: set the filters, sort and search you want, then save them here." />
          </ListItem>
        )}
        {saved.error && (
          <ListItem>
            <ListItemText secondary={`Your views could not be loaded: ${saved.error.message}`} />
          </ListItem>
        )}
      </List>
      <Divider sx={{ mt: 1 }} />
      <ListItemButton onClick={onSave} sx={{ py: 1 }}>
        <ListItemText primary="Save view…" secondary="Name this view: its filters, sort and search" />
      </ListItemButton>
    </Popover>
  );
}
