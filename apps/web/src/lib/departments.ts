import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { graphql, type ResultOf } from './gql.js';

const DEPARTMENTS = graphql(`query Departments { departments(first: 1000) { id name } }`);

export type DepartmentOption = ResultOf<typeof DEPARTMENTS>['departments'][number];

/** Every department, by name, for pickers (`departments`). */
export function useDepartments(): { departments: DepartmentOption[] | null; failed: boolean; reload(): void } {
  const client = useClient();
  const [departments, setDepartments] = useState<DepartmentOption[] | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(async () => {
    const res = await client.query(DEPARTMENTS, {}).toPromise();
    if (res.error || !res.data) return setFailed(true);
    setFailed(false);
    setDepartments([...res.data.departments].map((d) => ({ id: d.id, name: d.name })).sort((a, b) => a.name.localeCompare(b.name, 'nl')));
  }, [client]);
  useEffect(() => void reload(), [reload]);
  return { departments, failed, reload: () => void reload() };
}
