"""Progress bars (rich) for the long steps of `pixcert demo` and `pixcert simulate`."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from infra.local.season import Progress as SeasonProgress

console = Console(highlight=False)


class Bars(SeasonProgress):
    """One bar per step, created when the step starts."""

    def __init__(self, progress: Progress) -> None:
        self.progress, self.tasks = progress, {}

    def start(self, step: str, total: int) -> None:
        self.tasks[step] = self.progress.add_task(step, total=total)

    def advance(self, step: str) -> None:
        self.progress.advance(self.tasks[step])


def bars(transient: bool = False) -> Progress:
    return Progress(
        TextColumn("  {task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=transient,
    )
