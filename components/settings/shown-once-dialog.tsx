"use client";
// A secret the server shows exactly once (a new API token, a webhook's signing secret):
// selectable, copyable, and closed only on purpose (not by a click beside it).
import { useState } from "react";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import InputAdornment from "@mui/material/InputAdornment";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import ContentCopyIcon from "@mui/icons-material/ContentCopy";

type Props = {
  /** The secret; null: closed. */
  value: string | null;
  title: string;
  warning: string;
  fieldLabel: string;
  copyLabel: string;
  onClose: () => void;
};

export function ShownOnceDialog({ value, title, warning, fieldLabel, copyLabel, onClose }: Props) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <Dialog
      open={Boolean(value)}
      onClose={(_, reason) => reason !== "backdropClick" && onClose()}
      aria-labelledby="shown-once-title"
      fullWidth
      maxWidth="sm"
      slotProps={{ transition: { onExited: () => setCopied(false) } }}
    >
      <DialogTitle id="shown-once-title">{title}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {warning}
        </Alert>
        <TextField
          label={fieldLabel}
          value={value ?? ""}
          onFocus={(e) => e.target.select()}
          slotProps={{
            htmlInput: { readOnly: true, spellCheck: false, style: { fontFamily: "monospace" } },
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <Tooltip title={copied ? "Copied" : "Copy"}>
                    <IconButton onClick={copy} aria-label={copyLabel} edge="end">
                      <ContentCopyIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </InputAdornment>
              ),
            },
          }}
        />
        <Typography role="status" variant="body2" color="success" sx={{ mt: 1, minHeight: 20 }}>
          {copied ? "Copied to the clipboard." : ""}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          I have copied it
        </Button>
      </DialogActions>
    </Dialog>
  );
}
