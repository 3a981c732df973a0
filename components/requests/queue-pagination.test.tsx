/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import { QueuePagination } from "@/components/requests/queue-pagination";

const pager = (props: Partial<Parameters<typeof QueuePagination>[0]>) =>
  render(
    <QueuePagination
      count={0}
      page={0}
      rowsPerPage={25}
      rowsPerPageOptions={[25, 50, 100]}
      onPageChange={() => {}}
      onRowsPerPageChange={() => {}}
      {...props}
    />,
  );
const next = () => screen.getByRole("button", { name: "Go to next page" });

describe("the queue's pager", () => {
  it("shows an exact total and stops at the last page", () => {
    pager({ count: 60, page: 2 });
    expect(screen.getByText("51–60 of 60")).toBeInTheDocument();
    expect(next()).toBeDisabled();
  });

  it("shows a lower-bound total (a broad search) as 'more than', and the next page stays open", () => {
    pager({ count: 10_001, countIsLowerBound: true, page: 0 });
    expect(screen.getByText("1–25 of more than 10000")).toBeInTheDocument();
    expect(next()).toBeEnabled();
  });

  it("keeps the next page open past the counted limit, as far as the count goes", () => {
    pager({ count: 10_026, countIsLowerBound: true, page: 400 });
    expect(screen.getByText("10001–10025 of more than 10025")).toBeInTheDocument();
    expect(next()).toBeEnabled();
  });
});
