import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { findDataset } from "@/lib/data/datasets/get-dataset";
import { datasetPrefill } from "@/lib/data/datasets/dataset-prefill";
import { NewRequest } from "@/components/requests/new-request";
import { DatasetName } from "@/components/layout/dataset-name";
import { StaticAlert } from "@/components/layout/static-alert";
import ui from "@/components/layout/static-page.module.css";

export const metadata: Metadata = { title: "New request" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// ?change=<name> and ?decommission=<name> (the dataset page's buttons): the form starts
// from the live dataset's current metadata, as a CHANGE or DECOMMISSION request.
export default async function NewRequestPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const { change, decommission } = await searchParams;
  const name = typeof change === "string" ? change : typeof decommission === "string" ? decommission : null;
  const dataset = name === null ? null : await findDataset(name);
  if (name !== null && dataset?.status !== "LIVE" && dataset?.status !== "DECOMMISSIONING") notFound();
  const type = typeof change === "string" ? "CHANGE" : "DECOMMISSION";
  return (
    <div className={`${ui.stack2} ${ui.narrowPage}`}>
      <div>
        <h1 className={ui.h1}>
          {dataset ? (
            <>
              {type === "CHANGE" ? "Change" : "Decommission"} <DatasetName name={dataset.name} />
            </>
          ) : (
            "New dataset request"
          )}
        </h1>
        <p className={`${ui.body1} ${ui.secondary}`}>
          {dataset
            ? "The form holds the dataset's current metadata."
            : "Tell the storage team what to create or migrate. Everything here is checked before it is sent."}
        </p>
      </div>
      {dataset && (
        <StaticAlert severity="info">
          {type === "CHANGE"
            ? "Change what should differ and submit: once the storage team completes the request, the dataset takes the new values, and its history records each one."
            : "Submit to ask the storage team to retire this dataset. Once the request completes, the dataset is marked decommissioned and its name is free again."}
        </StaticAlert>
      )}
      <NewRequest user={user} prefill={dataset ? datasetPrefill(dataset, type) : undefined} />
    </div>
  );
}
