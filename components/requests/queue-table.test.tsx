/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { RequestSummary } from "@/lib/schemas/request";
import { QueueTable } from "@/components/requests/queue-table";
import { CurrentUserProvider } from "@/components/layout/current-user";

jest.mock("next/link", () => ({
  __esModule: true,
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const now = new Date().toISOString();
const row = (n: number, overrides: Partial<RequestSummary> = {}): RequestSummary => ({
  number: `KV-${n}`,
  datasetName: `dataset_${n}`,
  requestType: "NEW",
  ownerTeam: "payments",
  status: "SUBMITTED",
  priority: "HIGH",
  requester: { id: "u1", name: "Alice Chen", email: "alice@example.com" },
  assignee: null,
  createdAt: now,
  updatedAt: now,
  statusChangedAt: now,
  checklistProgress: null,
  ...overrides,
});

function setup(props: Partial<Parameters<typeof QueueTable>[0]> = {}) {
  const handlers = { onSort: jest.fn(), onToggle: jest.fn(), onToggleAll: jest.fn(), onActivate: jest.fn(), onOpen: jest.fn() };
  render(
    <QueueTable
      items={[
        row(2),
        row(1, { requestType: "MIGRATION", checklistProgress: { done: 1, total: 5 }, assignee: { id: "u2", name: "Omar Ops", email: "ops@example.com" } }),
      ]}
      isAdmin
      isFetching={false}
      sort="number"
      order="desc"
      selected={new Set()}
      activeIndex={0}
      rowRefs={{ current: [] }}
      empty="Nothing here"
      {...handlers}
      {...props}
    />,
  );
  return handlers;
}

describe("QueueTable (the queue's table in static CSS)", () => {
  beforeEach(() => jest.clearAllMocks());

  it("keeps table semantics: sortable column headers with aria-sort, cells with the row's fields", async () => {
    const { onSort } = setup();
    const table = screen.getByRole("table", { name: "Requests" });
    const header = within(table).getByRole("columnheader", { name: "Request" });
    expect(header).toHaveAttribute("aria-sort", "descending");
    expect(within(table).getByRole("columnheader", { name: "Dataset" })).not.toHaveAttribute("aria-sort");
    await userEvent.click(within(table).getByRole("button", { name: "Dataset" }));
    expect(onSort).toHaveBeenCalledWith("datasetName");
    const [, first, second] = within(table).getAllByRole("row");
    expect(first).toHaveTextContent("KV-2");
    expect(within(first!).getByRole("link", { name: "KV-2" })).toHaveAttribute("href", "/requests/KV-2");
    expect(second).toHaveTextContent("Migration · 1/5");
    expect(second).toHaveTextContent("Omar Ops");
    expect(first).toHaveTextContent("Unassigned");
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  it("selects with checkboxes without opening the row; a partial selection shows as mixed", async () => {
    const { onToggle, onToggleAll, onOpen } = setup({ selected: new Set(["KV-1"]) });
    await userEvent.click(screen.getByRole("checkbox", { name: "Select KV-2" }));
    expect(onToggle).toHaveBeenCalledWith("KV-2");
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.getByRole("checkbox", { name: "Select KV-1" })).toBeChecked();
    const all = screen.getByRole("checkbox", { name: "Select all requests on this page" });
    expect(all).toBePartiallyChecked();
    await userEvent.click(all);
    expect(onToggleAll).toHaveBeenCalledTimes(1);
    await userEvent.click(within(screen.getAllByRole("row")[1]!).getByText("payments"));
    expect(onOpen).toHaveBeenCalledWith("KV-2");
  });

  it("gives requesters no checkboxes, shows skeleton rows before data, the empty state and a loading bar", () => {
    setup({ isAdmin: false, items: [], isFetching: true });
    expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
    expect(screen.getByText("Nothing here")).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Loading requests" })).toBeInTheDocument();
  });

  it("flags the viewer's own rows in Needs info as waiting on them, and no one else's", () => {
    render(
      <CurrentUserProvider id="u1">
        <QueueTable
          items={[
            row(3, { status: "NEEDS_INFO" }),
            row(2, { status: "NEEDS_INFO", requester: { id: "u9", name: "Bob Lee", email: "bob@example.com" } }),
            row(1, { status: "IN_REVIEW" }),
          ]}
          isAdmin={false}
          isFetching={false}
          sort="number"
          order="desc"
          selected={new Set()}
          activeIndex={0}
          rowRefs={{ current: [] }}
          empty="Nothing here"
          onSort={jest.fn()}
          onToggle={jest.fn()}
          onToggleAll={jest.fn()}
          onActivate={jest.fn()}
          onOpen={jest.fn()}
        />
      </CurrentUserProvider>,
    );
    const [, mine, bobs, reviewed] = screen.getAllByRole("row");
    expect(within(mine!).getByText("waiting on you")).toBeInTheDocument();
    expect(bobs).not.toHaveTextContent("waiting on you");
    expect(reviewed).not.toHaveTextContent("waiting on you");
  });
});
