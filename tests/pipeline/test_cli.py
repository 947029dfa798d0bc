"""Every command is documented, and library errors end as one line and exit 2."""
import pytest

from pipeline import cli


def _subcommands():
    parser = cli.build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices, {a.dest: a.help for a in action._choices_actions}


def test_every_command_has_help_and_description():
    choices, helps = _subcommands()
    assert {"mine", "score", "crawl", "audit", "query"} <= set(choices)
    for name, sub in choices.items():
        assert helps[name], f"dudao {name} has no help line"
        assert sub.description, f"dudao {name} has no description"
        for action in sub._actions:
            if action.dest != "help":
                assert action.help, f"dudao {name} {action.dest} has no help"


def test_library_error_becomes_one_line_and_exit_2(tmp_path, capsys):
    assert cli.main(["score", "--gold", str(tmp_path), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dudao score: ") and "documents.parquet" in err and err.count("\n") == 1


@pytest.mark.parametrize("argv", [["mine"], ["bogus"]])
def test_bad_arguments_exit_with_usage(argv):
    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    assert e.value.code == 2
