// Loaded on its own (async, no imports) so the first task-list request starts while the rest
// of the app is still downloading; api.js hands the response to the first identical request.

const token = sessionStorage.getItem('todo.token') || localStorage.getItem('todo.token');
// Only the All view's list (views.js): another view asks for other tasks.
if (token && ['', '#', '#/', '#/all'].includes(location.hash)) {
  const path = '/api/v1/tasks?status=pending&sort=due&order=asc&limit=200&offset=0';
  window.todoEarlyFetch = {
    path,
    token,
    response: fetch(path, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
      credentials: 'same-origin',
      cache: 'no-store',
    }).catch(() => null),
  };
}
