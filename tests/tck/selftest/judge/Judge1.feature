# SPDX-License-Identifier: MIT
# Cases for tck_run itself (tests/tck/runner.sh): each title says whether
# the runner must pass it (PASS), fail it (FAIL) or skip it (SKIP).

Feature: Judge1 - how the runner judges a case

  Scenario: [1] PASS rows in any order as a multiset
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 2, 3] AS x
      RETURN x
      """
    Then the result should be, in any order:
      | x |
      | 2 |
      | 3 |
      | 2 |
      | 1 |
    And no side effects

  Scenario: [2] FAIL a row missing from the multiset
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 2, 3] AS x
      RETURN x
      """
    Then the result should be, in any order:
      | x |
      | 1 |
      | 2 |
      | 3 |
      | 3 |
    And no side effects

  Scenario: [3] FAIL rows in the wrong order
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS x
      RETURN x
      """
    Then the result should be, in order:
      | x |
      | 2 |
      | 1 |
    And no side effects

  Scenario: [4] FAIL an integer for a float
    Given any graph
    When executing query:
      """
      RETURN 1 AS x
      """
    Then the result should be, in any order:
      | x   |
      | 1.0 |
    And no side effects

  Scenario: [5] FAIL another column name
    Given any graph
    When executing query:
      """
      RETURN 1 AS x
      """
    Then the result should be, in any order:
      | y |
      | 1 |
    And no side effects

  Scenario: [6] PASS floats, strings, maps and nested lists in canonical form
    Given any graph
    When executing query:
      """
      RETURN 1.50 AS f, "it's" AS s, {b: 2, a: [1, null]} AS m, -0.0 AS z
      """
    Then the result should be, in any order:
      | f   | s       | m                     | z   |
      | 1.5 | 'it\'s' | {a: [1, null], b: 2}  | 0.0 |
    And no side effects

  Scenario: [7] PASS lists as multisets when asked
    Given any graph
    When executing query:
      """
      RETURN [3, 1, 2] AS l
      """
    Then the result should be (ignoring element order for lists):
      | l         |
      | [1, 2, 3] |
    And no side effects

  Scenario: [8] FAIL list order counts otherwise
    Given any graph
    When executing query:
      """
      RETURN [3, 1, 2] AS l
      """
    Then the result should be, in any order:
      | l         |
      | [1, 2, 3] |
    And no side effects

  Scenario: [9] PASS no rows
    Given any graph
    When executing query:
      """
      UNWIND [] AS x
      RETURN x
      """
    Then the result should be empty
    And no side effects

  Scenario: [10] PASS parameters read as literals
    Given any graph
    And parameters are:
      | list | [1, 'a', {k: 2.5}] |
      | n    | 2                  |
    When executing query:
      """
      RETURN $list[$n].k AS k, size($list) AS s
      """
    Then the result should be, in any order:
      | k   | s |
      | 2.5 | 3 |
    And no side effects

  Scenario: [11] PASS an error at compile time by its name
    Given any graph
    When executing query:
      """
      RETURN x
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [12] FAIL an error at run time for one at compile time
    Given any graph
    When executing query:
      """
      RETURN 1 / 0 AS x
      """
    Then a SyntaxError should be raised at compile time: DivisionByZero

  Scenario: [13] FAIL a result for an error
    Given any graph
    When executing query:
      """
      RETURN 1 AS x
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType

  Scenario: [14] SKIP a set-up query
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (a:A) RETURN a
      """
    Then the result should be, in any order:
      | a    |
      | (:A) |
    And no side effects

  Scenario Outline: [15] <verdict> one case per row
    Given any graph
    When executing query:
      """
      RETURN <value> + 1 AS x
      """
    Then the result should be, in any order:
      | x        |
      | <result> |
    And no side effects

    Examples:
      | verdict | value | result |
      | PASS    | 1     | 2      |
      | FAIL    | 2     | 2      |
