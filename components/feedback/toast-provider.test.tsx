/** @jest-environment jsdom */
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ToastProvider, useToast } from "@/components/feedback/toast-provider";

function Actions() {
  const toast = useToast();
  return (
    <>
      <button onClick={() => toast("Comment added")}>comment</button>
      <button onClick={() => toast("Could not save", { severity: "error" })}>fail</button>
    </>
  );
}

describe("toasts", () => {
  it("announces each action, one after another, and can be dismissed", async () => {
    jest.useFakeTimers();
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    render(
      <ToastProvider>
        <Actions />
      </ToastProvider>,
    );
    await user.click(screen.getByRole("button", { name: "comment" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Comment added");
    await user.click(screen.getByRole("button", { name: "fail" }));
    // The newer one waits its turn; the older one shortens its stay.
    for (let i = 0; i < 6; i++) act(() => jest.advanceTimersByTime(500));
    expect(screen.getByRole("alert")).toHaveTextContent("Could not save");
    await user.click(screen.getByRole("button", { name: "Close" }));
    for (let i = 0; i < 4; i++) act(() => jest.advanceTimersByTime(500));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    jest.useRealTimers();
  });
});
