/** @jest-environment jsdom */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { RequestForm } from "@/components/requests/request-form";
import { ApiClientError } from "@/lib/queries/api-client";
import type { CreateRequestBody } from "@/lib/schemas/request";
import { EVERYTHING_WRONG_LABELS } from "@/tests/helpers/everything-wrong";

const input = (label: string) => screen.getByRole("textbox", { name: new RegExp(`^${label}`) });
const spin = (label: string) => screen.getByRole("spinbutton", { name: new RegExp(`^${label.replace(/[()]/g, "\\$&")}`) });
const combo = (label: string) => screen.getByRole("combobox", { name: new RegExp(`^${label}`) });

async function fillValidForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(input("Dataset name"), "ads_click_features");
  await user.selectOptions(combo("Request type"), "NEW");
  await user.type(input("Owner team"), "ads");
  await user.type(input("Contact email"), "ads@example.com");
  await user.type(input("Use case"), "Features for the click model, read per ad id.");
  await user.selectOptions(combo("Key format"), "INT64");
  await user.selectOptions(combo("Value format"), "JSON");
  await user.selectOptions(combo("Ingestion"), "STREAMING");
  await user.selectOptions(combo("Update frequency"), "REALTIME");
  await user.type(spin("Estimated size (GB)"), "42.5");
  await user.type(input("Estimated key count"), "3,000,000,000");
  await user.type(spin("Peak read QPS"), "1000");
  await user.type(spin("Peak write QPS"), "200");
  await user.type(spin("p99 latency target (ms)"), "15");
  await user.click(screen.getByRole("checkbox", { name: "eu-west-1" }));
  await user.selectOptions(combo("Data classification"), "INTERNAL");
}

describe("RequestForm", () => {
  it("shows a field's error once it is left, and clears it when fixed", async () => {
    const user = userEvent.setup({ delay: null });
    render(<RequestForm defaultValues={{}} onSubmit={jest.fn()} />);
    const name = input("Dataset name");
    await user.type(name, "Bad Name");
    await user.tab();
    expect(await screen.findByText(/Dataset name must be 3–63 lowercase letters/)).toBeInTheDocument();
    expect(name).toHaveAttribute("aria-invalid", "true");
    await user.clear(name);
    await user.type(name, "good_name");
    expect(screen.queryByText(/Dataset name must be 3–63 lowercase letters/)).not.toBeInTheDocument();
  });

  it("applies cross-field rules: a migration needs its source system", async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = jest.fn();
    render(<RequestForm defaultValues={{ regions: [], backupsEnabled: false }} onSubmit={onSubmit} />);
    await fillValidForm(user);
    await user.selectOptions(combo("Request type"), "MIGRATION");
    await user.click(screen.getByRole("button", { name: "Submit request" }));
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: "Source system" })).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await user.selectOptions(combo("Source system"), "HBASE");
    await user.click(screen.getByRole("button", { name: "Submit request" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0][0]).toMatchObject({ requestType: "MIGRATION", sourceSystem: "HBASE" });
  });

  it("lists every problem in a summary on submit", async () => {
    const user = userEvent.setup({ delay: null });
    render(<RequestForm defaultValues={{ regions: [], backupsEnabled: false }} onSubmit={jest.fn()} />);
    await user.click(screen.getByRole("button", { name: "Submit request" }));
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByText(/Fix these \d+ fields/)).toBeInTheDocument();
    expect(within(summary).getByRole("link", { name: "Dataset name" })).toHaveAttribute("href", "#field-datasetName");
  });

  it("one submit with everything wrong shows every problem, the cross-field ones included, in people's words", async () => {
    const user = userEvent.setup({ delay: null });
    render(<RequestForm defaultValues={{ regions: [], backupsEnabled: false }} onSubmit={jest.fn()} />);
    await user.type(input("Dataset name"), "Payments Ledger!");
    await user.selectOptions(combo("Request type"), "MIGRATION");
    await user.type(input("Owner team"), "p");
    await user.type(input("Contact email"), "not an email");
    await user.type(input("Use case"), "too short");
    await user.selectOptions(combo("Value format"), "THRIFT");
    await user.selectOptions(combo("Ingestion"), "BATCH");
    await user.type(input("Estimated key count"), "about a billion");
    await user.type(spin("Peak read QPS"), "1.5");
    await user.type(spin("p99 latency target (ms)"), "0");
    await user.click(screen.getByRole("switch", { name: "Backups" }));
    await user.type(screen.getByLabelText("Needed by"), "2001-09-09");
    await user.click(screen.getByRole("button", { name: "Submit request" }));

    const summary = await screen.findByRole("alert");
    const listed = within(summary)
      .getAllByRole("link")
      .map((a) => a.textContent);
    expect(listed.sort()).toEqual([...EVERYTHING_WRONG_LABELS].sort());
    expect(within(summary).getByText(/Fix these 18 fields/)).toBeInTheDocument();
    const items = within(summary)
      .getAllByRole("listitem")
      .map((li) => li.textContent ?? "");
    for (const item of items) expect(item).not.toMatch(/Invalid input|expected|received|\/\^|\bnumber\b|\bstring\b|undefined/);
    expect(items).toEqual(
      expect.arrayContaining([
        "Source system is required for a migration: choose the store it moves off",
        "Estimated key count must be a whole count of keys above 0, in digits (e.g. 250000000)",
        "Peak read QPS must be a whole value, without decimals",
        expect.stringMatching(/^Needed by cannot be in the past/),
      ]),
    );
  });

  it("marks required selects as it marks required text boxes", () => {
    render(<RequestForm defaultValues={{ regions: [], backupsEnabled: false, requestType: "MIGRATION" }} onSubmit={jest.fn()} />);
    expect(input("Dataset name")).toBeRequired();
    for (const label of ["Request type", "Source system", "Key format", "Value format", "Ingestion", "Update frequency", "Data classification"]) {
      expect(combo(label)).toBeRequired();
      expect((combo(label) as HTMLSelectElement).labels[0]).toHaveTextContent(/\*$/);
    }
    // Priority has a default (Medium): not required.
    expect(combo("Priority")).not.toBeRequired();
    expect(screen.getByRole("group", { name: /^Regions/ })).toHaveTextContent(/Regions\s*\*/);
  });

  it("sends typed values, disables submit while sending, and sends once", async () => {
    // Clicks may land on the disabled button: that is the point of the test.
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    let finish: () => void = () => {};
    const onSubmit = jest.fn((_: CreateRequestBody) => new Promise<void>((resolve) => (finish = resolve)));
    render(<RequestForm defaultValues={{ regions: [], backupsEnabled: false }} onSubmit={onSubmit} />);
    await fillValidForm(user);
    const submit = screen.getByRole("button", { name: "Submit request" });
    await user.dblClick(submit);
    expect(submit).toBeDisabled();
    await user.click(submit);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      datasetName: "ads_click_features",
      estimatedSizeGb: 42.5,
      estimatedKeyCount: "3000000000",
      readQps: 1000,
      regions: ["eu-west-1"],
      ttlDays: null,
      priority: "MEDIUM",
    });
    finish();
    await waitFor(() => expect(submit).toBeEnabled());
  });

  it("puts the server's verdict under the field it concerns", async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = jest.fn(async () => {
      throw new ApiClientError(409, "DUPLICATE_DATASET_NAME", 'A live request for dataset "ads_click_features" already exists.', [
        { path: "datasetName", message: "This name is taken by a request that is not rejected or cancelled" },
      ]);
    });
    render(<RequestForm defaultValues={{ regions: [], backupsEnabled: false }} onSubmit={onSubmit} />);
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "Submit request" }));
    expect(await screen.findByText("This name is taken by a request that is not rejected or cancelled", { selector: "p" })).toBeInTheDocument();
    expect(within(screen.getByRole("alert")).getByText(/already exists/)).toBeInTheDocument();
    expect(input("Dataset name")).toHaveAttribute("aria-invalid", "true");
  });

  it("asks for backup retention only when backups are on", async () => {
    const user = userEvent.setup({ delay: null });
    render(<RequestForm defaultValues={{ regions: [], backupsEnabled: false }} onSubmit={jest.fn()} />);
    expect(screen.queryByRole("spinbutton", { name: /Backup retention/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole("switch", { name: "Backups" }));
    expect(screen.getByRole("spinbutton", { name: /Backup retention/ })).toBeInTheDocument();
  });

  it("estimates capacity live as traffic and storage are filled, and warns outside the service's limits", async () => {
    const user = userEvent.setup({ delay: null });
    render(<RequestForm defaultValues={{ regions: [], backupsEnabled: false }} onSubmit={jest.fn()} />);
    const panel = screen.getByRole("region", { name: "Capacity estimate" });
    expect(panel).toHaveTextContent(/Fill in Estimated size \(GB\), Estimated key count/);
    await user.type(spin("Estimated size (GB)"), "120");
    await user.click(screen.getByRole("checkbox", { name: "us-east-1" }));
    await user.click(screen.getByRole("checkbox", { name: "eu-west-1" }));
    // 120 GB × 3 replicas × 2 regions; 3 shards of 50 GB.
    expect(within(panel).getByText("720 GB")).toBeInTheDocument();
    expect(within(panel).getByText("3")).toBeInTheDocument();
    await user.type(spin("Peak read QPS"), "2000000");
    expect(within(panel).getByText(/over the service's limit of 1,000,000 per region/)).toBeInTheDocument();
    expect(within(panel).getByRole("link", { name: /2,000,000 reads\/s/ })).toHaveAttribute("href", "#field-readQps");
  });
});
