"""make bench: its floor (for a notebook, a notebook of as many code cells, SDK imports then numbers printed, that
passes the same strict nbval command as the suite, so the bench never fails minutes in), and the SDKs' recorded waits,
logged from the kernels' sleeps and counted apart from the suite's time."""

import subprocess
import sys

import nbformat
import pytest

from helpers.paths import NOTEBOOKS, ROOT
from tools import bench, waits


def test_a_floor_notebook_has_its_notebooks_code_cells_and_passes_strict_nbval(tmp_path):
    notebook = NOTEBOOKS / "02_chat.ipynb"
    count = sum(1 for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code")
    floor = bench.floor_notebook(bench.code_cells(notebook))
    assert [cell.cell_type for cell in floor.cells] == ["code"] * count
    assert floor.cells[0].source == "import azure.ai.inference, azure.core, azure.identity, openai"
    assert [cell.source for cell in floor.cells[1:3]] == ["print(2)", "print(3)"]
    path = tmp_path / "floor_02_chat.ipynb"
    nbformat.write(floor, path)
    # -c: the suite's configuration (strict nbval, its sanitizer), which pytest would not find from a temporary folder
    command = [sys.executable, "-m", "pytest", "-q", "--nbval", "-c", "pyproject.toml", str(path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-2000:]
    assert result.stdout.splitlines()[-1].startswith(f"{count} passed")


def write_log(path, *sleeps):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{seconds}\t{start}\t{end}\t{asker}\n" for seconds, start, end, asker in sleeps),
                    encoding="utf-8")


def test_the_sdks_waits_are_counted_once_each_and_the_kernels_own_sleeps_not_at_all(tmp_path):
    write_log(tmp_path / "notebooks" / "06_errors.tsv",
              (1, 10.0, 11.0, "azure.core.pipeline.transport._base"),
              (1, 10.5, 11.5, "openai._base_client"),  # overlaps the first (two async tasks): counted once
              (0.5, 20.0, 20.5, "helpers.pacing"),
              (0, 21.0, 21.2, "azure.core.rest._aiohttp"),  # sleep(0): lets other tasks run, waits for nothing
              (1.0, 0.0, 30.0, "ipykernel.parentpoller"),  # the kernel's own thread, as in every floor kernel
              (0.01, 22.0, 22.3, "subprocess"))  # waiting for the offline Azure CLI: the kit's own time
    write_log(tmp_path / "bench-floor" / "floor_06_errors.tsv", (1.0, 0.0, 9.0, "ipykernel.parentpoller"))
    found = waits.Waits(tmp_path)
    assert found.by_notebook == pytest.approx({"notebooks/06_errors": 2.0, "bench-floor/floor_06_errors": 0})
    assert found.by_asker["ipykernel.parentpoller"] == pytest.approx(39.0)
    assert found.by_asker["azure.core"] == pytest.approx(1.2)


def test_the_ratio_takes_the_suites_recorded_waits_out_before_dividing_by_the_floor(tmp_path):
    write_log(tmp_path / "notebooks" / "08.tsv", (2, 0.0, 2.0, "azure.core.pipeline.transport._base"))
    (tmp_path / waits.TIMES).write_text("notebooks/08\t9.0\nbench-floor/floor_08\t6.0\nnotebooks/08\t5.0\n"
                                        "bench-floor/floor_08\t4.0\n", encoding="utf-8")
    run = bench.Run(30.0, waits.Waits(tmp_path), waits.times(tmp_path))
    lessons, floors = [NOTEBOOKS / "08.ipynb"], [ROOT / "build" / "bench-floor" / "floor_08.ipynb"]
    assert run.times == {"notebooks/08": 14.0, "bench-floor/floor_08": 10.0}
    assert bench.ratio(run, lessons, floors) == pytest.approx(1.2)
    assert bench.excess(run, lessons, floors) == {"notebooks/08": pytest.approx(2.0)}


def test_a_lessons_retry_after_waits_are_logged_by_its_kernel_and_the_floors_kernel_waits_for_nothing(tmp_path):
    """06's recording answers two 429s with Retry-After: 1, which azure-core sleeps for real; its floor sleeps only in
    the kernel's own threads."""
    notebook = NOTEBOOKS / "06_errors_and_logging.ipynb"
    [floor] = bench.write_floor([notebook], tmp_path)
    run = bench.run_suite([notebook, floor], 1)
    assert 1.9 < run.waited([notebook]) < run.spent([notebook]) < run.seconds
    assert run.waits.by_asker["azure.core"] > 1.9
    assert run.waited([floor]) == 0 and 0 < run.spent([floor]) < run.seconds
    assert run.waits.by_notebook[waits.notebook_name(floor)] == 0
    assert 0 < bench.ratio(run, [notebook], [floor]) < run.spent([notebook]) / run.spent([floor])


def test_the_kit_cell_loads_the_checkers_retirements_without_its_fixer():
    """helpers reads openai_v1_migrate.retirements in every kit cell; the checker's --fix needs libcst, which costs a
    kernel most of a second to import, so the package loads its interface only when it is used."""
    code = ("import sys, helpers.kit, openai_v1_migrate; loaded = 'libcst' in sys.modules; "
            "openai_v1_migrate.main; print(loaded, 'libcst' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.split() == ["False", "True"]


def test_the_kit_cell_is_timed_step_by_step_inside_a_replay_kernel(monkeypatch):
    """Each step runs for real in a fresh kernel, in replay whatever the shell asks (live, here, without a key, would
    stop start()), and is timed there; a step that fails stops the bench with what the kernel said."""
    monkeypatch.setenv("NOTEBOOK_ENV_FILE", "none")
    monkeypatch.setenv("NOTEBOOK_MODE", "live")
    imports, modules, start = bench.kit_cell_costs(repeats=1)
    assert 0 < imports < 5 and 0 < modules < 5 and 0 < start < 5
    steps = [("kit", "import helpers.kit"), ("start", "helpers.kit.start('02_chats')")]
    with pytest.raises(SystemExit, match="No notebook is called '02_chats'. Known notebooks: 00_setup"):
        bench.kit_cell_costs(steps, repeats=1)
