import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';

const DEPARTMENTS = `query Departments { searchPeople(first: 1) { facets { departments { id name count } } } }`;

export interface DepartmentOption {
  id: string;
  name: string;
}

/**
 * The departments people work in, by name, for pickers. The API has no flat list of departments;
 * the staff search's department facet (every department with active people) serves instead.
 */
export function useDepartments(): { departments: DepartmentOption[] | null; failed: boolean; reload(): void } {
  const client = useClient();
  const [departments, setDepartments] = useState<DepartmentOption[] | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(async () => {
    const res = await client.query<{ searchPeople: { facets: { departments: DepartmentOption[] } } }>(DEPARTMENTS, {}, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(true);
    setFailed(false);
    setDepartments([...res.data.searchPeople.facets.departments].map((d) => ({ id: d.id, name: d.name })).sort((a, b) => a.name.localeCompare(b.name, 'nl')));
  }, [client]);
  useEffect(() => void reload(), [reload]);
  return { departments, failed, reload: () => void reload() };
}
