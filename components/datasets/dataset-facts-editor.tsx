"use client";
// "Edit facts and links" on the dataset page (admins). The dialog, its fields and the
// schema that checks them load on the first click: the page's first view needs only the
// button, and on a phone the dialog's code was a fifth of the page's JavaScript.
import { useState } from "react";
import dynamic from "next/dynamic";
import { StaticButton } from "@/components/layout/static-button";
import type { DatasetDetail } from "@/lib/schemas/dataset";

const DatasetFactsDialog = dynamic(() => import("@/components/datasets/dataset-facts-dialog").then((m) => m.DatasetFactsDialog), { ssr: false });

export function DatasetFactsEditor({ dataset }: { dataset: DatasetDetail }) {
  const [open, setOpen] = useState(false);
  // Each opening mounts a fresh dialog (its fields start from the stored values); closing
  // keeps it mounted so its exit transition plays.
  const [openings, setOpenings] = useState(0);
  return (
    <>
      <StaticButton
        variant="outlined"
        onClick={() => {
          setOpenings((n) => n + 1);
          setOpen(true);
        }}
      >
        Edit facts and links
      </StaticButton>
      {openings > 0 && <DatasetFactsDialog key={openings} dataset={dataset} open={open} onClose={() => setOpen(false)} />}
    </>
  );
}
