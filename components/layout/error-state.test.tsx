/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ErrorState } from "@/components/layout/error-state";

jest.mock("next/link", () => ({
  __esModule: true,
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

describe("ErrorState (the error boundary's page)", () => {
  it("says what happened, takes focus, and retries on request", async () => {
    const retry = jest.fn();
    const error = Object.assign(new Error("boom"), { digest: "abc123" });
    render(<ErrorState error={error} retry={retry} />);
    const heading = screen.getByRole("heading", { name: "Something went wrong" });
    expect(heading).toHaveFocus();
    expect(screen.getByText("abc123")).toBeInTheDocument();
    expect(screen.queryByText("boom")).not.toBeInTheDocument(); // no internals
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(retry).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("link", { name: "Go to the requests" })).toHaveAttribute("href", "/requests");
  });
});
