import { Route, Routes } from 'react-router';
import ArchitectureDetailPage from './ArchitectureDetailPage';
import ArchitecturesPage from './ArchitecturesPage';

/** /architectures and /architectures/:id. */
export default function ArchitecturesRoutes() {
  return (
    <Routes>
      <Route index element={<ArchitecturesPage />} />
      <Route path=":id" element={<ArchitectureDetailPage />} />
    </Routes>
  );
}
