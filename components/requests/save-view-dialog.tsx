"use client";
// "Save view…": names the queue's current view (its filters, sort and search) for the
// person saving it. The form reads with the API's own schema (createViewBodySchema); the
// server's answer (a name already used, the limit) lands on the field or above it.
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import TextField from "@mui/material/TextField";
import { ApiClientError } from "@/lib/queries/api-client";
import { queueViewToSearch } from "@/lib/queries/queue-view";
import { saveView, viewKeys } from "@/lib/queries/views";
import type { ListRequestsQuery } from "@/lib/schemas/request";
import { createViewBodySchema, VIEW_NAME_MAX, type CreateViewBody, type CreateViewInput } from "@/lib/schemas/view";
import { useToast } from "@/components/feedback/toast-provider";

export function SaveViewDialog({ view, onClose }: { view: ListRequestsQuery; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<CreateViewInput, unknown, CreateViewBody>({
    resolver: zodResolver(createViewBodySchema),
    defaultValues: { name: "", query: queueViewToSearch({ ...view, page: 1 }) },
  });
  const { register, handleSubmit, setError, formState } = form;
  const save = useMutation({
    mutationFn: saveView,
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: viewKeys.all });
      toast(`Saved the view "${saved.name}": find it under Views`);
      onClose();
    },
    onError: (e) => {
      const onName = e instanceof ApiClientError ? e.details.find((d) => d.path === "name") : undefined;
      setError(onName ? "name" : "root", { message: onName?.message ?? e.message });
    },
  });
  const { errors } = formState;
  // The query is not a field: a problem with it (a view the queue refuses) shows above the name.
  const problem = errors.root?.message ?? errors.query?.message;

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="save-view-title">
      <form noValidate onSubmit={handleSubmit((body) => save.mutate(body))}>
        <DialogTitle id="save-view-title">Save view</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            This view&apos;s filters, sort and search, under a name only you see. To share the view, send its link.
          </DialogContentText>
          {problem && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {problem}
            </Alert>
          )}
          <TextField
            {...register("name")}
            label="Name"
            required
            fullWidth
            autoFocus
            autoComplete="off"
            error={Boolean(errors.name)}
            helperText={errors.name?.message ?? 'For example "Stale migrations"'}
            slotProps={{ htmlInput: { maxLength: VIEW_NAME_MAX } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={save.isPending}>
            Save view
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
