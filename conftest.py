"""Doctests assume ``import spinekg as skg``.

In the doctests ``skg.load()`` (the bundled ontology, nothing else) gives one SpineKG shared
by all of them: the examples only ask questions, and the answers do not depend on which
SpineKG is asked; every other call goes to the library itself.
"""

from __future__ import annotations

import os
import types

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


class _Shared(types.ModuleType):
    """``spinekg`` for the doctests, with ``load()`` answered by one shared SpineKG."""

    def __init__(self) -> None:
        super().__init__("spinekg")
        self._kg = None

    def __getattr__(self, name: str):
        import spinekg

        return getattr(spinekg, name)

    def load(self, *extra, **options):
        import spinekg

        if extra or options:
            return spinekg.load(*extra, **options)
        if self._kg is None:
            self._kg = spinekg.load()
        return self._kg


_SKG = _Shared()


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    doctest_namespace["skg"] = _SKG


#: Tests that each take about a second or more on this 2-core machine (measured 2026-12-02 with
#: ``--durations``): whole-ontology parses, builds and round trips, servers, the SHACL
#: run, hostile-file loads, the ICD-10-CM tabular. They run in ``make test-slow`` (which
#: CI runs after ``make test``) so that ``make test`` stays under two minutes.
SLOW_TESTS = frozenset({
    "spinekg/adapters/endpoint.py::spinekg.adapters.endpoint.upload",
    "spinekg/adapters/release.py::spinekg.adapters.release",
    "spinekg/pipeline/build.py::spinekg.pipeline.build",
    "spinekg/pipeline/build.py::spinekg.pipeline.build.build",
    "spinekg/pipeline/build.py::spinekg.pipeline.build.check",
    "spinekg/pipeline/parse.py::spinekg.pipeline.parse.parse_files",
    "tests/ontology/test_competency_codes_more.py::test_the_title_is_the_tabulars",
    "tests/test_backends.py::test_affected_by",
    "tests/test_backends.py::test_disk_reopen_without_parsing",
    "tests/test_backends.py::test_graph_view",
    "tests/test_backends.py::test_index_identical",
    "tests/test_backends.py::test_server_that_never_answers",
    "tests/test_backends.py::test_upload_counts",
    "tests/test_bad_input.py::test_cli_bad_input",
    "tests/test_build.py::test_bad_rank_is_refused",
    "tests/test_build.py::test_build_is_deterministic",
    "tests/test_build.py::test_drift_is_detected",
    "tests/test_build.py::test_sided_row_gives_both_sides_with_same_side_targets",
    "tests/test_cli.py::test_bad_input_exits_2_with_one_line",
    "tests/test_cli.py::test_build_check",
    "tests/test_cli.py::test_sparql_file",
    "tests/test_cli.py::test_treatments_json",
    "tests/test_cli_help.py::test_export_aliases",
    "tests/test_cli_help.py::test_ntriples_export_is_quiet",
    "tests/test_codes.py::test_every_cited_hpo_id_exists_in_hp_obo_with_our_label",
    "tests/test_codes.py::test_every_icd10cm_code_exists_in_the_tabular_with_our_title",
    "tests/test_concurrency.py::test_concurrent_loads_are_independent",
    "tests/test_concurrency.py::test_threads_give_serial_answers_and_build_lazy_parts_once",
    "tests/test_endpoint_faults.py::test_slowly_dripped_answer_ends_at_the_total_deadline",
    "tests/test_hostile_files.py::test_all_hostile_fixtures_fail_cleanly_or_load",
    "tests/test_hostile_files.py::test_jsonld_inline_context_loads",
    "tests/test_hostile_files.py::test_owl_imports_of_urls_are_not_followed",
    "tests/test_hostile_files.py::test_plain_rdfxml_still_loads",
    "tests/test_hostile_files.py::test_warning_is_a_userwarning_and_quiet_without_conflicts",
    "tests/test_isncsci.py::test_worksheet_renders_with_a_legend",
    "tests/test_isncsci_oracle.py::test_oracle_agrees_on_generated_exams",
    "tests/test_load.py::test_index_cache_round_trips",
    "tests/test_load.py::test_rdflib_fallback_gives_the_same_index",
    "tests/test_properties.py::test_abox_round_trips_losslessly",
    "tests/test_readme.py::test_cli_line_runs",
    "tests/test_readme.py::test_python_example_runs",
    "tests/test_security_bounds.py::test_the_via_check_memo_has_a_budget",
    "tests/test_security_cache.py::test_a_folder_of_another_user_is_neither_read_nor_written",
    "tests/test_security_cache.py::test_a_warm_load_stays_well_under_a_second",
    "tests/test_security_cache.py::test_an_edited_payload_with_the_old_hash_is_refused",
    "tests/test_security_files.py::test_named_graph_triples_are_merged_not_dropped",
    "tests/test_security_outputs.py::test_an_existing_file_is_replaced_only_with_force",
    "tests/test_security_outputs.py::test_build_never_deletes_through_a_linked_abox",
    "tests/test_security_outputs.py::test_build_still_removes_its_own_stale_files",
    "tests/test_security_outputs.py::test_networkx_writes_kg_nx_as_it_is",
    "tests/test_sparql_safety.py::test_allowed_update_changes_only_the_throwaway",
    "tests/test_sparql_safety.py::test_allowed_update_with_hostile_binding_is_bound",
    "tests/test_sparql_safety.py::test_default_kg_untouched_by_the_throwaway",
    "tests/test_sparql_safety.py::test_every_selected_variable_is_in_every_row",
    "tests/test_sparql_safety.py::test_hostile_label_in_the_data_is_just_data",
    "tests/test_text.py::test_cli_localize_text",
    "tests/test_validate.py::test_bundled_ontology_conforms",
    "tests/test_build.py::test_fact_row_without_source_is_refused",
    "tests/test_packaging.py::test_load_from_the_wheel_outside_the_repo",
    "spinekg/adapters/release.py::spinekg.adapters.release.release_graph",
    "tests/test_build.py::test_committed_abox_matches_templates",
    "tests/ontology/test_competency_codes_more.py::test_the_sssom_release_carries_the_new_mappings",
    "tests/test_load.py::test_fast_parse_keeps_the_rdflib_graph_lazy",
    "tests/test_bench_queries.py::test_a_wrong_spinekg_answer_fails_the_check",
    "tests/test_plot.py::test_back_view_counts_the_great_toe_as_seen_from_the_front",
    "tests/test_layers_plot.py::test_lesion_chart_renders_with_a_legend",
    "spinekg/core/convert.py::spinekg.core.convert.to_networkx",
    "tests/test_properties.py::test_search_returns_terms_or_clear_error",
    "spinekg/clinical/localize.py::spinekg.clinical.localize.localize",
    "tests/test_derived.py::test_the_order_of_questions_never_changes_an_answer",
    "spinekg/adapters/oxigraph.py::spinekg.adapters.oxigraph",
    "tests/test_sparql_safety.py::test_failing_allowed_update_is_a_clear_error",
    "tests/test_packaging.py::test_wheel_contains_the_ontology",
    "tests/test_security_cache.py::test_a_planted_pickle_never_runs",
    "spinekg/clinical/differential/batch.py::spinekg.clinical.differential.batch",
    "tests/test_security_cache.py::test_a_folder_others_may_write_is_neither_read_nor_written",
    "tests/test_security_cache.py::test_the_old_predictable_temp_name_is_not_followed",
    "tests/test_cli.py::test_graphml_edges_carry_their_predicate",
    "tests/test_properties.py::test_localize_ranks_or_refuses_clearly",
    "tests/test_properties.py::test_term_never_raises_outside_the_tree",
})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.split("[", 1)[0] in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
